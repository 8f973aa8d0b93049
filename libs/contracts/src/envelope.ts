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
