import { Injectable } from '@nestjs/common';
import { DomainError, type CallListCreateRequest, type CallListReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { toCallListReply } from './call-list.view';
import { CallListsPort, OrganizationCountry } from './call-lists.port';

/** A new, empty call list; its country defaults to the organization's (B1). */
@Injectable()
export class CreateCallListUseCase {
  constructor(
    private readonly lists: CallListsPort,
    private readonly country: OrganizationCountry,
    private readonly clock: Clock,
  ) {}

  async execute(input: CallListCreateRequest): Promise<CallListReply> {
    const orgId = asOrgId(input.organizationId);
    const country = input.country ?? (await this.country.of(orgId));
    if (!country) throw new DomainError('SERVICE_UNAVAILABLE', "The campaign service has not received this organization's settings yet; retry in a few seconds");
    const list = { id: uuidv7(), organizationId: orgId, name: input.name.trim() || input.name, country, createdAt: this.clock.now() };
    await this.lists.insert(list);
    return toCallListReply({ ...list, contactCount: 0 });
  }
}
