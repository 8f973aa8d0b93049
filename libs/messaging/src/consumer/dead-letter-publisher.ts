import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/nats-core';
import { withoutPrefix } from '@santral/contracts';

export type DeadLetterReason = 'handler-failed' | 'validation-failed' | 'malformed' | 'max-deliver-exceeded';

/** Headers on a dead letter; the body is the original message, byte for byte. */
export const DlqHeaders = {
  Reason: 'Santral-Dlq-Reason',
  Error: 'Santral-Dlq-Error',
  Deliveries: 'Santral-Dlq-Deliveries',
  Consumer: 'Santral-Dlq-Consumer',
  Subject: 'Santral-Dlq-Subject',
  Stream: 'Santral-Dlq-Stream',
  StreamSeq: 'Santral-Dlq-Stream-Seq',
  EventId: 'Santral-Dlq-Event-Id',
  FailedAt: 'Santral-Dlq-Failed-At',
} as const;

function headerSafe(s: string, max = 2000): string {
  return s.replace(/[\r\n]+/g, ' ').slice(0, max);
}

/** Publishes to `<dlq prefix>.<service>.<original subject>` (the layout libs/contracts documents). */
export class DeadLetterPublisher {
  constructor(
    private readonly js: JetStreamClient,
    private readonly dlqPrefix: string,
    private readonly serviceName: string,
    /** The bus's test prefix, stripped from the original subject in the dead-letter subject. */
    private readonly subjectPrefix?: string,
  ) {}

  subjectFor(originalSubject: string): string {
    return `${this.dlqPrefix}.${this.serviceName}.${withoutPrefix(this.subjectPrefix, originalSubject)}`;
  }

  async publish(m: JsMsg, consumer: string, reason: DeadLetterReason, error: string, eventId: string | null): Promise<void> {
    const h = natsHeaders();
    h.set(DlqHeaders.Reason, reason);
    h.set(DlqHeaders.Error, headerSafe(error) || 'unknown');
    h.set(DlqHeaders.Deliveries, String(m.info.deliveryCount));
    h.set(DlqHeaders.Consumer, consumer);
    h.set(DlqHeaders.Subject, m.subject);
    h.set(DlqHeaders.Stream, m.info.stream);
    h.set(DlqHeaders.StreamSeq, String(m.seq));
    if (eventId) h.set(DlqHeaders.EventId, eventId);
    h.set(DlqHeaders.FailedAt, new Date().toISOString());
    // Keyed by the stream sequence: a retry of this dead-lettering is dropped, a later
    // failure of a replayed copy (new sequence) is kept.
    await this.js.publish(this.subjectFor(m.subject), m.data, { headers: h, msgID: `${consumer}:${m.info.stream}:${m.seq}` });
  }
}
