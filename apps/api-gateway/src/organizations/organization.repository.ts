import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { asOrgId, TenantRepository, type OrgId, type Tx } from '@santral/persistence';
import { Repository } from 'typeorm';
import type { Organization } from './organization';
import { OrganizationEntity } from './organization.entity';
import { OrganizationsPort } from './organizations.port';

/** The organizations table, scoped like any tenant table: the organization's own id is the key. */
class OrganizationRows extends TenantRepository<OrganizationEntity> {
  constructor(repo: Repository<OrganizationEntity>) {
    super(repo, 'id');
  }
}

@Injectable()
export class OrganizationRepository extends OrganizationsPort {
  private readonly rows: OrganizationRows;

  constructor(@InjectRepository(OrganizationEntity) repo: Repository<OrganizationEntity>) {
    super();
    this.rows = new OrganizationRows(repo);
  }

  async insert(org: Organization, tx: Tx): Promise<void> {
    const { id: _id, ...row } = toEntity(org);
    await this.rows.insert(org.id, row, tx);
  }

  async findById(orgId: OrgId, tx?: Tx): Promise<Organization | null> {
    const row = await this.rows.findOne(orgId, {}, tx);
    return row ? toOrganization(row) : null;
  }

  async findByIdForUpdate(orgId: OrgId, tx: Tx): Promise<Organization | null> {
    const row = await this.rows.findOneForUpdate(orgId, {}, tx);
    return row ? toOrganization(row) : null;
  }

  async update(org: Organization, tx: Tx): Promise<void> {
    const { id: _id, ...changes } = toEntity(org);
    await this.rows.update(org.id, {}, changes, tx);
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
