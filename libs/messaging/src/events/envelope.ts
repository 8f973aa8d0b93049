import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { EventContext, EventEnvelope } from '@santral/contracts';
import { currentEventContext } from '../tracing/event-context';

/** What a service hands to `EventPublisher.publish`; the rest of the envelope is filled in. */
export interface PublishInput<TData = unknown, TType extends string = string> {
  /** The versioned subject, e.g. `dialer.call.answered.v1`; also the NATS subject. */
  type: TType;
  data: TData;
  orgid: string | null;
  /** The aggregate (call id, campaign id, ...). */
  subject?: string;
  id?: string;
  time?: string;
  /** Defaults come from the event being handled (AsyncLocalStorage), else a new correlation. */
  correlationid?: string;
  causationid?: string | null;
  traceparent?: string;
}

export function isEnvelope(v: unknown): v is EventEnvelope {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return e.specversion === '1.0' && typeof e.id === 'string' && typeof e.type === 'string' && 'data' in e;
}

/** A fresh W3C trace context when nothing upstream started one. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

export function buildEnvelope<T>(
  input: PublishInput<T> | EventEnvelope<T>,
  source: string,
  ctx: EventContext | undefined = currentEventContext(),
): EventEnvelope<T> {
  if (isEnvelope(input)) return input as EventEnvelope<T>;
  const id = input.id ?? uuidv7();
  const env: EventEnvelope<T> = {
    specversion: '1.0',
    id,
    source,
    type: input.type,
    time: input.time ?? new Date().toISOString(),
    datacontenttype: 'application/json',
    data: input.data,
    orgid: input.orgid,
    correlationid: input.correlationid ?? ctx?.correlationid ?? id,
    causationid: input.causationid !== undefined ? input.causationid : (ctx?.causationid ?? null),
    traceparent: input.traceparent ?? ctx?.traceparent ?? newTraceparent(),
  };
  if (input.subject !== undefined) env.subject = input.subject;
  return env;
}
