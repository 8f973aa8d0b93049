import { Injectable } from '@nestjs/common';
import { DomainError, type CallSearchRequest, type CallPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { CallViewsRepository } from './call-views.repository';
import { toCallReply } from './call.view';

/** rpc.dialer.call.list — the organization's calls newest first; `number` in any form the organization writes it. */
@Injectable()
export class ListCallsUseCase {
  constructor(
    private readonly views: CallViewsRepository,
    private readonly numbers: OrganizationNumbers,
  ) {}

  async execute(input: CallSearchRequest): Promise<CallPageReply> {
    const orgId = asOrgId(input.organizationId);
    const page = pageRequest(input.limit, input.cursor);
    const from = input.from ? new Date(input.from) : undefined;
    const until = input.to ? new Date(input.to) : undefined;
    if (from && until && from >= until) throw DomainError.validation([{ field: 'to', message: 'to must be later than from' }]);
    const to = input.number !== undefined ? (await this.numbers.normalizeOne(orgId, input.number, 'number')).e164 : undefined;
    const result = await this.views.page(
      orgId,
      {
        ...(input.campaignId ? { campaignId: input.campaignId.toLowerCase() } : {}), ...(input.state ? { state: input.state } : {}), ...(to ? { to } : {}),
        ...(input.operatorUserId ? { operatorUserId: input.operatorUserId.toLowerCase() } : {}), ...(from ? { from } : {}), ...(until ? { until } : {}),
      },
      page,
    );
    return { items: result.items.map(toCallReply), nextCursor: result.nextCursor };
  }
}
