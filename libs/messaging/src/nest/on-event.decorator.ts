import { SetMetadata } from '@nestjs/common';
import type { SubscribeOptions } from '../events/event-bus';

export const ON_EVENT_METADATA = 'santral:messaging:on-event';

export interface OnEventMetadata {
  subject: string;
  options: SubscribeOptions;
  batch?: boolean;
}

/**
 * Marks a provider or controller method as the handler of a JetStream domain event:
 * `handle(data: T, envelope: EventEnvelope<T>, manager: EntityManager)`. It runs in the
 * inbox transaction (use `manager` for every write, and for `publisher.publish`),
 * once per event, with retries, backoff and dead letters.
 *
 * Our own decorator, not `@EventPattern`: those would be bound by every transport
 * strategy of the app (NatsRpcServer included), and a JetStream handler needs options
 * (durable name, concurrency, max deliver) that `@EventPattern` cannot carry.
 */
export function OnEvent(subject: string, options: SubscribeOptions = {}): MethodDecorator {
  return SetMetadata<string, OnEventMetadata>(ON_EVENT_METADATA, { subject, options });
}

/**
 * Batch mode: `handle(events: ReceivedEvent<T>[], manager: EntityManager)` once per
 * inbox transaction with every new event in it (up to `batchSize`), so it can write
 * them in one statement. See `EventBatchHandlerFn`.
 */
export function OnEventBatch(subject: string, options: SubscribeOptions = {}): MethodDecorator {
  return SetMetadata<string, OnEventMetadata>(ON_EVENT_METADATA, { subject, options: { batchSize: 100, ...options }, batch: true });
}
