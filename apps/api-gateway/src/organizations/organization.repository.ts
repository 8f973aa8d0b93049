import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { Repository } from 'typeorm';
import type { Organization } from './organization';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsPort } from './organizations.port';

/** The organizations table; the organization's own id is the tenant key. */
@Injectable()
export class OrganizationRepository extends OrganizationsPort {
  constructor(@InjectRepository(OrganizationEntity) private readonly repo: Repository<OrganizationEntity>) {
    super();
  }

  async insert(org: Organization, tx: Tx): Promise<void> {
    await tx.getRepository(OrganizationEntity).insert(toEntity(org));
  }

  async findById(orgId: OrgId, tx?: Tx): Promise<Organization | null> {
    const repo = tx ? tx.getRepository(OrganizationEntity) : this.repo;
    const row = await repo.findOne({ where: { id: orgId } });
    return row ? toOrganization(row) : null;
  }

  async findByIdForUpdate(orgId: OrgId, tx: Tx): Promise<Organization | null> {
    const row = await tx
      .getRepository(OrganizationEntity)
      .findOne({ where: { id: orgId }, lock: { mode: 'pessimistic_write' } });
    return row ? toOrganization(row) : null;
  }

  async update(org: Organization, tx: Tx): Promise<void> {
    const { id, ...changes } = toEntity(org);
    await tx.getRepository(OrganizationEntity).update({ id }, changes);
  }
}

function toEntity(org: Organization): OrganizationEntity {
  return Object.assign(new OrganizationEntity(), {
    id: org.id,
    name: org.name,
    plan: org.plan,
    defaultCountry: org.defaultCountry,
    timeZone: org.timeZone,
    concurrentSlots: org.limits.concurrentSlots,
    callsPerHour: org.limits.callsPerHour,
    minCreditsToStart: org.limits.minCreditsToStart,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  });
}

function toOrganization(row: OrganizationEntity): Organization {
  return {
    id: asOrgId(row.id),
    name: row.name,
    plan: row.plan,
    limits: {
      concurrentSlots: row.concurrentSlots,
      callsPerHour: row.callsPerHour,
      minCreditsToStart: row.minCreditsToStart,
    },
    defaultCountry: row.defaultCountry,
    timeZone: row.timeZone,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
