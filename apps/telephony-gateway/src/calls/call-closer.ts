import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EndReason } from '@santral/call-state';
import { EventPublisher } from '@santral/messaging';
import { asOrgId } from '@santral/persistence';
import type { ProviderAccountContext } from '../providers/provider.port';
import { toWireEndReason } from '../shared/end-reasons';
import { toEvent } from '../webhooks/fact-events';
import { TelephonyCallRepository } from './telephony-call.repository';

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
@Injectable()
export class CallCloser {
  constructor(
    private readonly calls: TelephonyCallRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async close(m: EntityManager, c: CloseCall): Promise<boolean> {
    const orgId = asOrgId(c.account.organizationId);
    if (!(await this.calls.end(m, orgId, c.callId, toWireEndReason(c.endReason)))) return false;
    const talk = c.talkSeconds ?? 0;
    const wait = c.waitSeconds ?? 0;
    const event = toEvent({
      account: c.account,
      callId: c.callId,
      providerCallId: c.providerCallId ?? 'not-dialled',
      occurredAt: new Date(),
      fact: { kind: 'ended', direction: c.direction, talkSeconds: talk, waitSeconds: wait, totalSeconds: c.totalSeconds ?? talk + wait, forwardedSeconds: 0, endReason: c.endReason, isLost: false, tags: [] },
    });
    if (event) await this.publisher.publishMany([event], { manager: m });
    return true;
  }
}
