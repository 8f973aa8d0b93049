import { Injectable } from '@nestjs/common';
import { DomainError, SIP_URI_PATTERN, Subjects, type CallAcceptedReply, type CallState, type CallTransferRequest } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { asOrgId, TransactionRunner, type OrgId, type Tx } from '@santral/persistence';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { CallRepository } from './call.repository';
import { CallViewsRepository } from './call-views.repository';

/**
 * rpc.dialer.call.transfer (E7): only a call in progress (CALL_NOT_IN_PROGRESS), only to a SIP URI or
 * a number the organization's default country reads (INVALID_TRANSFER_TARGET), then
 * `telephony.call.transfer.v1`; telephony reports forwarding, forwarded or transfer_failed.
 */
@Injectable()
export class TransferCallUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly calls: CallRepository,
    private readonly views: CallViewsRepository,
    private readonly numbers: OrganizationNumbers,
    private readonly publisher: EventPublisher,
  ) {}

  execute(input: CallTransferRequest): Promise<CallAcceptedReply> {
    const orgId = asOrgId(input.organizationId);
    const callId = input.callId.toLowerCase();
    return this.tx.run(async (tx) => {
      const state = (await this.calls.lockState(tx, orgId, callId)) as CallState | null;
      if (state === null && !(await this.views.get(orgId, callId, tx))) throw new DomainError('CALL_NOT_FOUND', `Call ${input.callId} not found`);
      if (state !== 'in_progress') throw new DomainError('CALL_NOT_IN_PROGRESS', `Call ${input.callId} is ${state ?? 'not dialled yet'}; only a call in progress can be transferred`);
      const target = await this.targetOf(orgId, input.target, tx);
      await this.publisher.publish(
        Subjects.Telephony.TransferCall,
        { organizationId: orgId, callId, target, ...(input.actorUserId ? { actorUserId: input.actorUserId } : {}) },
        { orgid: orgId, subject: callId, manager: tx },
      );
      return { callId, state };
    });
  }

  private async targetOf(orgId: OrgId, raw: string, tx: Tx): Promise<string> {
    const target = raw.trim();
    if (/^sips?:/i.test(target)) {
      if (SIP_URI_PATTERN.test(target)) return target;
      throw invalidTarget(raw, 'not a SIP URI (sip:user@host)');
    }
    const [number] = await this.numbers.normalize(orgId, [target], tx);
    if (!number!.ok) throw invalidTarget(raw, number!.reason);
    return number!.e164;
  }
}

function invalidTarget(raw: string, why: string): DomainError {
  return new DomainError('INVALID_TRANSFER_TARGET', `${raw} is not a transfer target: ${why}`, { errors: [{ field: 'target', message: why }] });
}
