import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, PayloadOf, RegisteredSubject } from '@santral/contracts';
import type { SubscribeOptions } from '../events/event-bus';
import type { ReceivedEvent } from '../consumer/inbox-processor';

/** The payload of a registered subject (validated against its class before the handler runs). */
export type EventDataOf<S extends string> = S extends RegisteredSubject ? PayloadOf<S> : unknown;

type EachHandler<S extends string> = (data: EventDataOf<S>, envelope: EventEnvelope<EventDataOf<S>>, manager: EntityManager) => unknown;
type BatchHandler<S extends string> = (events: Array<ReceivedEvent<EventDataOf<S>>>, manager: EntityManager) => unknown;
type TypedMethodDecorator<F> = (target: object, key: string | symbol, descriptor: { value?: F }) => void;

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
export function OnEvent<S extends string>(subject: S, options: SubscribeOptions = {}): TypedMethodDecorator<EachHandler<S>> {
  return SetMetadata<string, OnEventMetadata>(ON_EVENT_METADATA, { subject, options }) as TypedMethodDecorator<EachHandler<S>>;
}

/**
 * Batch mode: `handle(events: ReceivedEvent<T>[], manager: EntityManager)` once per
 * inbox transaction with every new event in it (up to `batchSize`), so it can write
 * them in one statement. See `EventBatchHandlerFn`.
 */
export function OnEventBatch<S extends string>(subject: S, options: SubscribeOptions = {}): TypedMethodDecorator<BatchHandler<S>> {
  return SetMetadata<string, OnEventMetadata>(ON_EVENT_METADATA, { subject, options: { batchSize: 100, ...options }, batch: true }) as TypedMethodDecorator<
    BatchHandler<S>
  >;
}
