import { validatePayload } from '@santral/contracts';
import type { EventBusOptions } from '@santral/messaging';
import type { ServiceEventsTuning, ServiceKitConfig } from './service-definition';

/** Short backoffs and polls for tests (NODE_ENV=test): the one place that asks. */
export function isTestRun(config: ServiceKitConfig): boolean {
  return config.NODE_ENV === 'test';
}

/**
 * The JetStream bus of a service: the shared events stream (names from contracts' streams.ts
 * under SUBJECT_PREFIX), contracts validation of every payload, dead letters.
 */
export function serviceEventBusOptions(config: ServiceKitConfig, tuning: ServiceEventsTuning = {}): EventBusOptions {
  const prefix = config.SUBJECT_PREFIX || undefined;
  const fast = isTestRun(config);
  // A test's own stream stays small: JetStream reserves max_bytes when a stream is created.
  const maxBytes = config.EVENTS_STREAM_MAX_MB ? config.EVENTS_STREAM_MAX_MB * 1024 ** 2 : prefix ? 64 * 1024 ** 2 : undefined;
  return {
    subjectPrefix: prefix,
    stream: { maxBytes, replicas: config.EVENTS_STREAM_REPLICAS },
    validator: validatePayload,
    relay: fast ? { pollIntervalMs: 200, retryDelayMs: 100 } : (tuning.relay ?? {}),
    consumer: fast ? { maxDeliver: 4, backoff: { initialMs: 100, maxMs: 1000 }, ackWaitMs: 10_000 } : (tuning.consumer ?? {}),
  };
}
