import { Injectable } from '@nestjs/common';
import { asOrgId } from '@santral/persistence';
import type { Principal } from '../auth/principal';
import { DomainError } from '@santral/contracts';
import type { Organization } from './organization';
import { OrganizationsPort } from './organizations.port';

/** The platform admin reads any organization; an organization's key reads only its own (else NOT_FOUND). */
@Injectable()
export class GetOrganizationUseCase {
  constructor(private readonly organizations: OrganizationsPort) {}

  async execute(principal: Principal, id: string): Promise<Organization> {
    const orgId = asOrgId(id);
    const visible = principal.kind === 'platform' || principal.organizationId === orgId;
    const organization = visible ? await this.organizations.findById(orgId) : null;
    if (!organization) throw new DomainError('NOT_FOUND', `Organization ${id} not found`);
    return organization;
  }
}
