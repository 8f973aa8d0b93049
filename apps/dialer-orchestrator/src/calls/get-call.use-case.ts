import { Injectable } from '@nestjs/common';
import { DomainError, type CallDetailReply, type CallGetRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { CallViewsRepository } from './call-views.repository';
import { toCallReply, toTransitionReply } from './call.view';

/** rpc.dialer.call.get — the call with every transition (time, cause), its end reason, provider code and SIP cause (E5). */
@Injectable()
export class GetCallUseCase {
  constructor(private readonly views: CallViewsRepository) {}

  async execute(input: CallGetRequest): Promise<CallDetailReply> {
    const orgId = asOrgId(input.organizationId);
    const callId = input.callId.toLowerCase();
    const call = await this.views.get(orgId, callId);
    if (!call) throw new DomainError('CALL_NOT_FOUND', `Call ${input.callId} not found`);
    const transitions = await this.views.transitions(orgId, callId);
    return { ...toCallReply(call), transitions: transitions.map(toTransitionReply) };
  }
}
