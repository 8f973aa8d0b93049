import { codeEnum, type CodesOf } from '../common/code-enum';

/** I1/I2: "not available" states carry a reason in `detail`. */
export const TranscriptErrorCode = codeEnum(
  'TRANSCRIPT_PROCESSING',
  'TRANSCRIPT_NOT_AVAILABLE',
  'RECORDING_PROCESSING',
  'RECORDING_NOT_AVAILABLE',
  'RECORDING_EXPIRED',
);
export type TranscriptErrorCode = CodesOf<typeof TranscriptErrorCode>;
