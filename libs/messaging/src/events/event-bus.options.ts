import { deadLetterSubjectPrefix, eventStreamSubjects, streamName } from '@santral/contracts';
import type { PayloadValidator } from './validation';
import type { ConsumerOutcome } from '../consumer/consumer-outcome';

export interface EventStreamOptions {
  /** Default `SANTRAL_EVENTS`, or `<PREFIX>_EVENTS` under a subject prefix (contracts' streamName). */
  name?: string;
  /** Default: `<context>.>` of the seven contexts (under the prefix). Never RPC subjects: JetStream would answer requests. */
  subjects?: string[];
  /** Window in which a re-published `Nats-Msg-Id` is dropped. Default 15 min (≥ 10 min). */
  duplicateWindowMs?: number;
  /** Limits retention. Defaults: 7 days, 1 GiB (the server reserves it at creation). */
  maxAgeMs?: number;
  maxBytes?: number;
  replicas?: number;
}

export interface DeadLetterOptions {
  /** Default: the events stream's name with `_EVENTS` replaced by `_DLQ` (`SANTRAL_DLQ`), else `<stream>_DLQ`. */
  stream?: string;
  /** Dead letters go to `<prefix>.<service>.<original subject>`. Default `dlq` (under `subjectPrefix`). */
  subjectPrefix?: string;
  /** Default 30 days. */
  maxAgeMs?: number;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  multiplier?: number;
  /** 0..1, share of the delay that is randomized. Default 0.2. */
  jitter?: number;
}

/** Per-subscription settings; module-level values are the defaults. */
export interface ConsumerSettings {
  /** Deliveries before a failing event goes to the dead-letter stream. Default 8. */
  maxDeliver?: number;
  backoff?: BackoffOptions;
  /** Server-side cap of unacknowledged messages per consumer. Default 1000. */
  maxAckPending?: number;
  /** Transactions run in parallel per subscription. Default 4. */
  concurrency?: number;
  /**
   * Up to this many waiting events share one inbox transaction (adaptive: a batch is
   * whatever is waiting, so latency stays low under light load). Default 1.
   */
  batchSize?: number;
  /** Ack wait; `working()` is sent every third of it while a handler runs. Default 30 s. */
  ackWaitMs?: number;
  /**
   * Deadline of one inbox transaction, handler included: past it the transaction rolls back and
   * the message is nak'ed for a retry (also its statement_timeout). Default 60 s.
   */
  handlerTimeoutMs?: number;
  /** `all` catches up on retained history when a subscription is first created. Default `all`. */
  deliverPolicy?: 'all' | 'new';
  validator?: PayloadValidator;
}

export interface OutboxRelayOptions {
  /** Rows claimed per transaction. Default 500. */
  batchSize?: number;
  /** Claim → publish → mark passes running at once (SKIP LOCKED keeps them apart). Default 2. */
  concurrency?: number;
  /**
   * Least time between the starts of two passes of one relay unless the earlier one was full,
   * so passes under load carry many rows, not one each (the first pass after a quiet spell
   * starts at once). Default 5 ms; 0 turns it off.
   */
  lingerMs?: number;
  /** Fallback poll when no NOTIFY arrives. Default 1000 ms. */
  pollIntervalMs?: number;
  /** Sent rows are deleted after this. Default 15 min; 0 deletes them at once. */
  retainSentMs?: number;
  /** Inbox rows are deleted after this. Default 30 days (longer than any redelivery). */
  inboxRetentionMs?: number;
  /** How often pruning runs. Default 60 s. */
  pruneIntervalMs?: number;
  /** How long a publish waits for the stream's ack. Default 5000 ms. */
  publishTimeoutMs?: number;
  /** Wait after a failed publish. Default 500 ms. */
  retryDelayMs?: number;
  /** Test hook: runs after the batch is published, before it is marked sent. */
  afterPublish?: (eventIds: string[]) => void | Promise<void>;
  /** Observes each committed pass: the NATS subjects of the rows it published (metrics). */
  onPublished?: (subjects: string[]) => void;
}

export interface EventBusOptions {
  stream?: EventStreamOptions;
  /**
   * Test isolation: every NATS subject this bus uses is `<prefix>.<subject>` while code,
   * envelopes (`type`), validators and durable names keep the plain subject constants.
   */
  subjectPrefix?: string;
  deadLetter?: DeadLetterOptions;
  /** Create/update the streams at boot. Default true. */
  manageStreams?: boolean;
  /** Run the outbox relay in this process. Default true; `false` turns it off. */
  relay?: OutboxRelayOptions | false;
  consumer?: ConsumerSettings;
  validator?: PayloadValidator;
  /** Observes every message outcome (metrics, tests). */
  onOutcome?: (outcome: ConsumerOutcome) => void;
}

export const DEFAULTS = {
  duplicateWindowMs: 15 * 60_000,
  maxAgeMs: 7 * 24 * 3600_000,
  // JetStream reserves max_bytes of file storage per stream at creation; size it per deployment.
  maxBytes: 1024 ** 3,
  dlqMaxAgeMs: 30 * 24 * 3600_000,
  maxDeliver: 8,
  backoff: { initialMs: 1000, maxMs: 60_000, multiplier: 2, jitter: 0.2 },
  maxAckPending: 1000,
  concurrency: 4,
  batchSize: 1,
  ackWaitMs: 30_000,
  handlerTimeoutMs: 60_000,
} as const;

// Names come from libs/contracts (streams.ts), the one place that knows the layout.
export function eventStreamName(opts: EventBusOptions): string {
  return opts.stream?.name ?? streamName('Events', opts.subjectPrefix);
}

export function eventStreamCaptures(opts: EventBusOptions): string[] {
  return opts.stream?.subjects ?? eventStreamSubjects(opts.subjectPrefix);
}

export function deadLetterStreamName(opts: EventBusOptions): string {
  if (opts.deadLetter?.stream) return opts.deadLetter.stream;
  const name = eventStreamName(opts);
  return name.endsWith('_EVENTS') ? `${name.slice(0, -'_EVENTS'.length)}_DLQ` : `${name}_DLQ`;
}

export function deadLetterPrefix(opts: EventBusOptions): string {
  return opts.deadLetter?.subjectPrefix ?? deadLetterSubjectPrefix(opts.subjectPrefix);
}
