import type { EntityManager } from 'typeorm';
import type { EndReason } from '@santral/call-state';
import type { EventPublisher } from '@santral/messaging';
import type { ProviderAccountContext } from '../providers/provider.port';
import { toWireEndReason } from '../shared/end-reasons';
import type { SubjectNames } from '../shared/subject-names';
import { toEvent } from '../webhooks/fact-events';

export interface CloseCall {
  account: ProviderAccountContext;
  callId: string;
  providerCallId: string | null;
  direction: 'outbound' | 'inbound';
  endReason: EndReason;
  talkSeconds?: number;
  waitSeconds?: number;
  totalSeconds?: number;
}

/**
 * Ends a call from our side (originate refused, reconciler) with the same exactly-once
 * guard as webhook ingest: only the transaction that flips `ended_at` publishes `ended`.
 */
export async function closeCall(m: EntityManager, publisher: EventPublisher, subjects: SubjectNames, c: CloseCall): Promise<boolean> {
  const rows: Array<{ call_id: string }> = await m.query(
    `UPDATE telephony_calls SET state = 'ended', ended_at = now(), end_reason = $3::jsonb, last_fact_at = now()
      WHERE call_id = $1 AND organization_id = $2 AND ended_at IS NULL RETURNING call_id`,
    [c.callId, c.account.organizationId, JSON.stringify(toWireEndReason(c.endReason))],
  );
  if (rows.length === 0) return false;
  const talk = c.talkSeconds ?? 0;
  const wait = c.waitSeconds ?? 0;
  const event = toEvent(
    {
      account: c.account,
      callId: c.callId,
      providerCallId: c.providerCallId ?? 'not-dialled',
      occurredAt: new Date(),
      fact: { kind: 'ended', direction: c.direction, talkSeconds: talk, waitSeconds: wait, totalSeconds: c.totalSeconds ?? talk + wait, forwardedSeconds: 0, endReason: c.endReason, isLost: false, tags: [] },
    },
    subjects,
  );
  if (event) await publisher.publish(event, { manager: m });
  return true;
}
