import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { TranscriptConfig } from './config';

/** Transcripts, recordings (DESIGN §4); the kit gives it health, metrics, NATS and its ping. */
export const transcriptService = defineService({
  name: 'transcript',
  loadConfig: (env) => loadConfig(TranscriptConfig, env),
});
