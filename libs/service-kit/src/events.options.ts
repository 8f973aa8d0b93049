import { eventStreamSubjects, streamName, validatePayload } from '@santral/contracts';
import type { EventBusOptions } from '@santral/messaging';

export interface ServiceEventsOptions {
  /** Test isolation: every JetStream subject and the stream names get this prefix. */
  subjectPrefix?: string;
  /** Short backoffs and polls for tests. */
  fast?: boolean;
}

/** The JetStream bus of a service: the shared events stream, contracts validation, dead letters. */
export function serviceEventBusOptions(opts: ServiceEventsOptions): EventBusOptions {
  const prefix = opts.subjectPrefix || undefined;
  return {
    // A test's own stream stays small: JetStream reserves max_bytes when a stream is created.
    stream: { name: streamName('Events', prefix), subjects: eventStreamSubjects(prefix), maxBytes: prefix ? 64 * 1024 ** 2 : undefined },
    deadLetter: { stream: streamName('DeadLetters', prefix) },
    validator: validatePayload,
    relay: opts.fast ? { pollIntervalMs: 200, retryDelayMs: 100 } : {},
    consumer: opts.fast ? { maxDeliver: 4, backoff: { initialMs: 100, maxMs: 1000 }, ackWaitMs: 10_000 } : {},
  };
}
