import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { makeEnvelope, type EventContext, type EventEnvelope } from '@santral/contracts';
import { currentEventContext } from '../tracing/event-context';

/** Envelope fields a publisher may set; the rest is filled in (contracts' makeEnvelope). */
export interface EnvelopeMeta {
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

/** One event to write: its versioned subject (also the CloudEvents `type`), data and envelope fields. */
export interface PublishInput<TData = unknown, TType extends string = string> extends EnvelopeMeta {
  type: TType;
  data: TData;
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

/**
 * contracts' makeEnvelope (the one envelope builder) with the causal context of the event being
 * handled and a trace context, so every event a handler writes continues its chain.
 */
export function buildEnvelope<T>(
  input: PublishInput<T> | EventEnvelope<T>,
  source: string,
  ctx: EventContext | undefined = currentEventContext(),
): EventEnvelope<T> {
  if (isEnvelope(input)) return input as EventEnvelope<T>;
  const id = input.id ?? uuidv7();
  const context: EventContext = {
    correlationid: input.correlationid ?? ctx?.correlationid ?? id,
    causationid: input.causationid !== undefined ? input.causationid : (ctx?.causationid ?? null),
    traceparent: input.traceparent ?? ctx?.traceparent ?? newTraceparent(),
  };
  return makeEnvelope({ id, type: input.type, source, data: input.data, orgid: input.orgid, subject: input.subject, time: input.time, context });
}
