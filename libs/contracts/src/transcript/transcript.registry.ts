import { healthPing } from '../common/common.registry';
import { event, type EntriesOf } from '../registry/define';
import { RecordingReadyV1, TranscriptReadyV1 } from './transcript.events';

/** JetStream subjects of the transcript context: the events it publishes and the commands it receives. */
export const TranscriptSubjects = {
  TranscriptReady: 'transcript.transcript.ready.v1',
  RecordingReady: 'transcript.recording.ready.v1',
} as const;

/** Core request/reply subjects answered by the transcript context (`Rpc.Transcript`). */
export const TranscriptRpc = {
  HealthPing: 'rpc.transcript.health.ping',
} as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const transcriptMessages = {
  [TranscriptSubjects.TranscriptReady]: event(TranscriptReadyV1, {
    description: "A call's transcript is stored and searchable.",
    producer: 'transcript',
    consumers: ['ticketing'],
  }),
  [TranscriptSubjects.RecordingReady]: event(RecordingReadyV1, {
    description: "A call's recording is stored and downloadable.",
    producer: 'transcript',
    consumers: ['ticketing'],
  }),
  [TranscriptRpc.HealthPing]: healthPing('transcript'),
} satisfies EntriesOf<typeof TranscriptSubjects & typeof TranscriptRpc>;
