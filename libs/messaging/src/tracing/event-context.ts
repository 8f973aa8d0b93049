import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventContext } from '@santral/contracts';

const storage = new AsyncLocalStorage<EventContext>();

/**
 * Runs `fn` with the causal context that events published inside it inherit:
 * a consumed event's handler runs with `{ correlationid, causationid: event.id, traceparent }`.
 */
export function runWithEventContext<T>(ctx: EventContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The context of the event (or request) being handled, if any. */
export function currentEventContext(): EventContext | undefined {
  return storage.getStore();
}

/** Context for what a handler of `event` emits: same correlation and trace, caused by it. */
export function childContextOf(event: { id: string; correlationid: string; traceparent?: string }): EventContext {
  return { correlationid: event.correlationid, causationid: event.id, traceparent: event.traceparent };
}
