import type { EventBusOptions, PayloadValidator } from '@santral/messaging';
import { eventStreamSubjects, validateAgainst } from '@santral/contracts';
import type { TelephonyConfig } from '../config';

/** JetStream settings of this service; a test gives its own prefix and stream names. */
export function eventBusOptions(config: TelephonyConfig): EventBusOptions {
  const prefix = config.SUBJECT_PREFIX || undefined;
  return {
    // A test's own stream stays small: JetStream reserves max_bytes when a stream is created.
    stream: {
      name: config.EVENTS_STREAM,
      subjects: prefix ? [`${prefix}.>`] : eventStreamSubjects(),
      maxBytes: config.EVENTS_STREAM_MAX_MB ? config.EVENTS_STREAM_MAX_MB * 1024 ** 2 : prefix ? 64 * 1024 ** 2 : undefined,
    },
    deadLetter: { stream: config.DEAD_LETTER_STREAM, subjectPrefix: config.DEAD_LETTER_SUBJECT_PREFIX },
    relay: config.NODE_ENV === 'test' ? { pollIntervalMs: 200, retryDelayMs: 100 } : { retainSentMs: 0, lingerMs: 10 },
    consumer: config.NODE_ENV === 'test' ? { maxDeliver: 4, backoff: { initialMs: 100, maxMs: 1000 }, ackWaitMs: 10_000 } : {},
  };
}

/** A contracts payload class as a consumer validator: invalid commands are dead-lettered at once. */
export function dtoValidator(cls: new () => object): PayloadValidator {
  return (_subject, data) => {
    const r = validateAgainst(cls, data);
    return r.ok ? { ok: true, value: r.value } : { ok: false, errors: r.errors };
  };
}
