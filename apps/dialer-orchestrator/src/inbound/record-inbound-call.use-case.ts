import { Injectable, Logger } from '@nestjs/common';
import { endReasonFor } from '@santral/call-state';
import { Subjects, type CallEndReasonV1, type TelephonyInboundReceivedV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, type Tx } from '@santral/persistence';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import { ApplyCallEndedUseCase } from '../calls/apply-call-ended.use-case';
import { CallRepository } from '../calls/call.repository';
import type { DialerOrganizationSettings } from '../settings/dialer-settings';
import { SlotLeases } from '../slots/slot-leases';

/** An inbound call's slot lasts this long ringing, until a fact (answered) extends it. */
const RINGING_LEASE_MS = 2 * 60_000;

/**
 * telephony.inbound.received.v1 → the dialer's inbound call (E1, A2): it takes one of the
 * organization's slots — any of them, the reserved inbound ones included, which outbound calls
 * never take — and starts ringing, with `dialer.call.ringing.v1`. When every slot is held, the call
 * is refused (`capacity_exceeded`: hung up at the provider, ended once, and — being missed — left a
 * callback), so an organization never has more calls than slots (invariant 1). A redelivered fact
 * changes nothing. Returns whether the call was admitted.
 */
@Injectable()
export class RecordInboundCallUseCase {
  private readonly logger = new Logger(RecordInboundCallUseCase.name);

  constructor(
    private readonly calls: CallRepository,
    private readonly slots: SlotLeases,
    private readonly settings: OrganizationSettingsRepository,
    private readonly ended: ApplyCallEndedUseCase,
    private readonly publisher: EventPublisher,
  ) {}

  async execute(fact: TelephonyInboundReceivedV1, tx: Tx): Promise<'admitted' | 'refused' | 'duplicate'> {
    const orgId = asOrgId(fact.organizationId);
    const stored = await this.settings.get<DialerOrganizationSettings>(orgId, tx);
    const capacity = { slots: stored?.settings.concurrentSlots ?? 0, reservedInbound: stored?.settings.reservedInboundSlots ?? 0 };
    // `acquire` hands back the slot a redelivered fact's call holds already.
    const slotNo = await this.slots.acquire(orgId, fact.callId, 'inbound', capacity, RINGING_LEASE_MS, tx);
    const from = fact.from ?? null;
    if (!(await this.calls.insertInbound(tx, orgId, { callId: fact.callId, from, to: fact.to, providerAccountId: fact.providerAccountId, slotNo }))) return 'duplicate';
    if (slotNo === null) {
      const r = endReasonFor('capacity_exceeded');
      const endReason: CallEndReasonV1 = { status: r.status, reason: r.reason, fault: r.fault, billable: r.billable };
      await this.ended.end(tx, orgId, fact.callId, endReason, 'dialer:capacity_exceeded');
      await this.publisher.publish(
        Subjects.Telephony.HangupCall,
        { organizationId: orgId, callId: fact.callId, reason: 'capacity_exceeded' },
        { orgid: orgId, subject: fact.callId, manager: tx },
      );
      this.logger.warn(`inbound call ${fact.callId} refused: every slot of ${orgId} is taken`);
      return 'refused';
    }
    await this.publisher.publish(
      Subjects.Dialer.CallRinging,
      {
        organizationId: orgId, callId: fact.callId, attempt: 1, direction: 'inbound', kind: 'inbound', state: 'ringing', to: fact.to,
        ...(from ? { from } : {}),
      },
      { orgid: orgId, subject: fact.callId, manager: tx },
    );
    return 'admitted';
  }
}
