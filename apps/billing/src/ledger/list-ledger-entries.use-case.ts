import { Injectable } from '@nestjs/common';
import type { LedgerListRequest, LedgerPageReply } from '@santral/contracts';
import { asOrgId, DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { instant } from './instant';
import { LedgerRepository } from './ledger.repository';
import { toCredits } from './money';

/** GET /v1/billing/ledger: newest first, cursor pages, by kind, call and time. */
@Injectable()
export class ListLedgerEntriesUseCase {
  constructor(private readonly ledger: LedgerRepository) {}

  async execute(input: LedgerListRequest): Promise<LedgerPageReply> {
    const page = await this.ledger.page(asOrgId(input.organizationId), input.limit ?? DEFAULT_PAGE_SIZE, input.cursor, { kind: input.kind, callId: input.callId, from: instant(input.from, 'from'), to: instant(input.to, 'to') });
    return {
      items: page.items.map((e) => ({
        id: e.id,
        kind: e.kind,
        amount: toCredits(e.amount),
        balanceDelta: toCredits(e.creditsDelta - e.debitsDelta),
        reservedDelta: toCredits(e.pendingDelta),
        ...(e.reservationId ? { reservationId: e.reservationId } : {}),
        ...(e.callId ? { callId: e.callId } : {}),
        ...(e.campaignId ? { campaignId: e.campaignId } : {}),
        ...(e.details ? { details: e.details } : {}),
        createdAt: e.createdAt,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
