/** `held`: the database was down; the delivery is kept (not nak'ed, no delivery counted) and tried again after `delayMs`. */
export type OutcomeKind = 'applied' | 'duplicate' | 'retry' | 'held' | 'dead-letter';

/** What happened to one delivery; fed to `onOutcome` for metrics and tests. */
export interface ConsumerOutcome {
  consumer: string;
  subject: string;
  eventId: string | null;
  deliveryCount: number;
  kind: OutcomeKind;
  /** For `retry`: the nak delay; for `held`: the wait before the next try. */
  delayMs?: number;
  error?: string;
  /** When the stream stored the message (ms since the epoch): the consumer's lag is now minus this. */
  storedAtMs?: number;
}
