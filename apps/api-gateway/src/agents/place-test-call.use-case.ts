import { Injectable } from '@nestjs/common';
import { Rpc, type CallAcceptedReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';

/**
 * POST /v1/agents/{id}/test-call (C4): one call the agent makes to a number the user gives, through
 * the dialer like any other (its E4 checks in order: an inactive or incomplete agent is refused
 * there with the field it misses). The agent must be the organization's own: asked of the campaign
 * service first, so another organization's agent is a 404, not a refusal that tells it exists.
 */
@Injectable()
export class PlaceTestCallUseCase {
  constructor(private readonly rpc: ServiceRpc) {}

  async execute(orgId: OrgId, agentId: string, input: { to: string; from?: string; idempotencyKey?: string }): Promise<CallAcceptedReply> {
    const agent = await this.rpc.request(Rpc.Campaign.AgentGet, { organizationId: orgId, agentId });
    return this.rpc.request(Rpc.Dialer.CallCreate, {
      organizationId: orgId, kind: 'test', agentId: agent.agentId, to: input.to,
      ...(input.from ? { from: input.from } : {}), ...(input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {}),
    });
  }
}
