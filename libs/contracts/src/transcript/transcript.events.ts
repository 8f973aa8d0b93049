import { IsIn, IsOptional } from 'class-validator';
import { IsEntityId, IsIntBetween, IsSeconds, IsText, IsTimestamp } from '../validation/decorators';
import { RECORDING_STORAGES, type RecordingStorage } from '../vocabulary';

/** transcript.transcript.ready.v1 — a call's transcript is stored and searchable (I1). */
export class TranscriptReadyV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsEntityId()
  transcriptId: string;

  @IsIntBetween(0, 1_000_000)
  segmentCount: number;

  @IsOptional()
  @IsText(35)
  language?: string;
}

/** transcript.recording.ready.v1 — a recording is in storage and downloadable (I2). */
export class RecordingReadyV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  callId: string;

  @IsEntityId()
  recordingId: string;

  @IsSeconds()
  durationSeconds: number;

  @IsText(100)
  contentType: string;

  @IsIntBetween(0, Number.MAX_SAFE_INTEGER)
  sizeBytes: number;

  @IsIn(RECORDING_STORAGES)
  storage: RecordingStorage;

  /** When retention deletes it, if the organization has a retention period. */
  @IsOptional()
  @IsTimestamp()
  retainUntil?: string;
}
