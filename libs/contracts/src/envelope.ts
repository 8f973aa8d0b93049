import { v7 as uuidv7 } from 'uuid';

/**
 * CloudEvents 1.0 envelope used for every domain event and JetStream command
 * (DESIGN.md §2). `type` equals the NATS subject, which is versioned
 * (`<context>.<aggregate>.<past-tense>.v<N>`).
 */
export interface EventEnvelope<TData = unknown, TType extends string = string> {
  specversion: '1.0';
  /** UUIDv7: time-ordered, also used as `Nats-Msg-Id` and inbox key. */
  id: string;
  /** Producing service, e.g. `santral/dialer-orchestrator`. */
  source: string;
  type: TType;
  /** RFC 3339 timestamp of the fact. */
  time: string;
  /** The aggregate the event is about (call id, campaign id, …). */
  subject?: string;
  datacontenttype: 'application/json';
  data: TData;
  /** Organization (tenant) the event belongs to; absent only for platform events. */
  orgid: string | null;
  correlationid: string;
  causationid: string | null;
  traceparent?: string;
}

/** Causal context copied from a consumed event onto the events its handler emits. */
export interface EventContext {
  correlationid: string;
  causationid: string | null;
  traceparent?: string;
}

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const ENVELOPE_CONTENT_TYPE = 'application/json';

export interface MakeEnvelopeInput<TData, TType extends string> {
  /** The subject; doubles as the CloudEvents `type`. */
  type: TType;
  /** `santral/<service>` (see sourceOf). */
  source: string;
  data: TData;
  orgid: string | null;
  /** The aggregate id (call id, campaign id, …). */
  subject?: string;
  /** Context of the message being handled (contextOf); absent when this event starts a chain. */
  context?: EventContext;
  /** When the fact happened; defaults to now. */
  time?: Date | string;
  /** A given event id (UUIDv7); default a fresh one. */
  id?: string;
}

export interface EnvelopeClock {
  /** UUIDv7 generator; defaults to `uuid`'s v7. */
  newId?: () => string;
  now?: () => Date;
}

/** Builds an envelope with a fresh UUIDv7 id; a chain's first event correlates to itself. */
export function makeEnvelope<TData, TType extends string>(
  input: MakeEnvelopeInput<TData, TType>,
  clock: EnvelopeClock = {},
): EventEnvelope<TData, TType> {
  const id = input.id ?? (clock.newId ?? uuidv7)();
  const at = input.time ?? (clock.now ?? (() => new Date()))();
  const time = typeof at === 'string' ? at : at.toISOString();
  const envelope: EventEnvelope<TData, TType> = {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id,
    source: input.source,
    type: input.type,
    time,
    datacontenttype: ENVELOPE_CONTENT_TYPE,
    data: input.data,
    orgid: input.orgid,
    correlationid: input.context?.correlationid ?? id,
    causationid: input.context?.causationid ?? null,
  };
  if (input.subject !== undefined) envelope.subject = input.subject;
  if (input.context?.traceparent !== undefined) envelope.traceparent = input.context.traceparent;
  return envelope;
}

/** The context a handler passes to makeEnvelope for events caused by `envelope`. */
export function contextOf(envelope: EventEnvelope): EventContext {
  const context: EventContext = { correlationid: envelope.correlationid, causationid: envelope.id };
  if (envelope.traceparent !== undefined) context.traceparent = envelope.traceparent;
  return context;
}
