import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager, StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DeadLetterReason, DlqHeaders } from '../consumer/dead-letter-publisher';

export interface DeadLetter {
  /** Sequence in the dead-letter stream: the id to replay. */
  id: number;
  consumer: string;
  /** Subject the event was published on (replay target). */
  subject: string;
  reason: DeadLetterReason;
  error: string;
  deliveries: number;
  eventId: string | null;
  failedAt: string;
  originalStream: string;
  originalSeq: number;
  /** The original message body (the event envelope), parsed when it is JSON. */
  body: unknown;
}

const decoder = new TextDecoder();

function toDeadLetter(m: StoredMsg): DeadLetter {
  const h = (k: string) => m.header?.get(k) ?? '';
  const text = decoder.decode(m.data);
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return {
    id: m.seq,
    consumer: h(DlqHeaders.Consumer),
    subject: h(DlqHeaders.Subject),
    reason: h(DlqHeaders.Reason) as DeadLetterReason,
    error: h(DlqHeaders.Error),
    deliveries: Number(h(DlqHeaders.Deliveries)) || 0,
    eventId: h(DlqHeaders.EventId) || null,
    failedAt: h(DlqHeaders.FailedAt),
    originalStream: h(DlqHeaders.Stream),
    originalSeq: Number(h(DlqHeaders.StreamSeq)) || 0,
    body,
  };
}

/**
 * Ops view of the dead-letter stream: list, inspect, replay. Replay re-publishes the
 * original bytes on the original subject; every subscriber gets it again and the
 * ones that already applied it skip it through their inbox.
 */
export class DeadLetters {
  constructor(
    private readonly js: JetStreamClient,
    private readonly getJsm: () => Promise<JetStreamManager>,
    readonly stream: string,
  ) {}

  static forConnection(nc: NatsConnection, stream: string): DeadLetters {
    let jsm: Promise<JetStreamManager> | undefined;
    return new DeadLetters(jetstream(nc), () => (jsm ??= jetstreamManager(nc)), stream);
  }

  async list(opts: { consumer?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    const limit = opts.limit ?? 100;
    const { state } = await (await this.getJsm()).streams.info(this.stream);
    const out: DeadLetter[] = [];
    for (let seq = state.first_seq; seq <= state.last_seq && out.length < limit && state.messages > 0; seq++) {
      const dl = await this.get(seq);
      if (dl && (!opts.consumer || dl.consumer === opts.consumer)) out.push(dl);
    }
    return out;
  }

  async get(id: number): Promise<DeadLetter | null> {
    try {
      const m = await (await this.getJsm()).streams.getMessage(this.stream, { seq: id });
      return m ? toDeadLetter(m) : null;
    } catch {
      return null; // deleted or never existed
    }
  }

  /** Publishes the event again and removes the dead letter. */
  async replay(id: number): Promise<DeadLetter> {
    const m = await (await this.getJsm()).streams.getMessage(this.stream, { seq: id }).catch(() => null);
    if (!m) throw new Error(`No dead letter ${id} in ${this.stream}`);
    const dl = toDeadLetter(m);
    if (!dl.subject) throw new Error(`Dead letter ${id} has no original subject`);
    // Own msg id: the event id is likely still inside the duplicate window.
    await this.js.publish(dl.subject, m.data, { msgID: `replay:${this.stream}:${id}` });
    await (await this.getJsm()).streams.deleteMessage(this.stream, id, false);
    return dl;
  }

  async discard(id: number): Promise<boolean> {
    return (await this.getJsm()).streams.deleteMessage(this.stream, id, false);
  }
}
