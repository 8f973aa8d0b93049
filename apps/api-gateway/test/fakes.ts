/** Typed in-memory fakes of the gateway's own ports, for unit specs (no I/O); generic ones are in @santral/testing. */
import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import { keysetPageOf } from '@santral/testing';
import type { ApiKey } from '../src/api-keys/api-key';
import { ApiKeysPort } from '../src/api-keys/api-keys.port';
import { IdempotencyStore, type IdempotencyClaim, type StoredIdempotency } from '../src/idempotency/idempotency.store';
import type { Organization } from '../src/organizations/organization';
import { OrganizationEventsPort } from '../src/organizations/organization-events.port';
import { OrganizationsPort } from '../src/organizations/organizations.port';
import type { User } from '../src/users/user';
import { UsersPort } from '../src/users/users.port';

export const ORG_A = '0190a000-0000-7000-8000-00000000000a' as OrgId;
export const ORG_B = '0190b000-0000-7000-8000-00000000000b' as OrgId;

export class InMemoryOrganizations extends OrganizationsPort {
  readonly rows = new Map<string, Organization>();
  readonly writes: Array<{ op: 'insert' | 'update'; tx: Tx }> = [];

  async insert(org: Organization, tx: Tx): Promise<void> {
    this.rows.set(org.id, structuredClone(org));
    this.writes.push({ op: 'insert', tx });
  }

  async findById(orgId: OrgId): Promise<Organization | null> {
    const row = this.rows.get(orgId);
    return row ? structuredClone(row) : null;
  }

  async findByIdForUpdate(orgId: OrgId): Promise<Organization | null> {
    return this.findById(orgId);
  }

  async update(org: Organization, tx: Tx): Promise<void> {
    this.rows.set(org.id, structuredClone(org));
    this.writes.push({ op: 'update', tx });
  }
}

export class RecordingOrganizationEvents extends OrganizationEventsPort {
  readonly calls: Array<{ kind: 'created' | 'updated'; org: Organization; tx: Tx }> = [];

  async created(org: Organization, tx: Tx): Promise<void> {
    this.calls.push({ kind: 'created', org, tx });
  }

  async updated(org: Organization, tx: Tx): Promise<void> {
    this.calls.push({ kind: 'updated', org, tx });
  }
}

export type StoredKey = ApiKey & { keyHash: string };

export class InMemoryApiKeys extends ApiKeysPort {
  readonly rows: StoredKey[] = [];
  readonly txSeen: Array<Tx | undefined> = [];

  async add(orgId: OrgId, key: StoredKey, tx?: Tx): Promise<void> {
    this.rows.push({ ...key, organizationId: orgId });
    this.txSeen.push(tx);
  }

  async getById(orgId: OrgId, id: string): Promise<ApiKey | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    return row ? strip(row) : null;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>> {
    const { items, nextCursor } = keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
    return { items: items.map(strip), nextCursor };
  }

  async lockActiveAdminIds(orgId: OrgId): Promise<string[]> {
    return this.rows.filter((r) => r.organizationId === orgId && r.role === 'admin' && !r.revokedAt).map((r) => r.id);
  }

  async markRevoked(orgId: OrgId, id: string, at: Date): Promise<void> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id && !r.revokedAt);
    if (row) row.revokedAt = at;
  }

  async findByHash(keyHash: string): Promise<ApiKey | null> {
    const row = this.rows.find((r) => r.keyHash === keyHash);
    return row ? strip(row) : null;
  }
}

function strip(row: StoredKey): ApiKey {
  const { keyHash: _hash, ...key } = row;
  return { ...key };
}

export class InMemoryIdempotencyStore extends IdempotencyStore {
  readonly rows = new Map<string, StoredIdempotency & { leaseUntil: number }>();
  /** Milliseconds; tests move it to end a lease. */
  now = 0;

  async claim(c: IdempotencyClaim): Promise<StoredIdempotency | null> {
    const id = `${c.scope}/${c.keyHash}`;
    const existing = this.rows.get(id);
    const takeOver = existing?.state === 'in_progress' && existing.leaseUntil <= this.now && existing.requestHash === c.requestHash;
    if (existing && !takeOver) {
      const { leaseUntil, ...row } = existing;
      return { ...row, leaseRemainingMs: Math.max(0, leaseUntil - this.now) };
    }
    this.rows.set(id, { requestHash: c.requestHash, state: 'in_progress', responseStatus: null, responseBody: null, leaseRemainingMs: 0, leaseUntil: this.now + c.leaseMs });
    return null;
  }

  async complete(scope: string, keyHash: string, status: number, body: Buffer): Promise<void> {
    const row = this.rows.get(`${scope}/${keyHash}`);
    if (row) Object.assign(row, { state: 'completed', responseStatus: status, responseBody: body });
  }

  async release(scope: string, keyHash: string): Promise<void> {
    this.rows.delete(`${scope}/${keyHash}`);
  }

  async deleteExpired(): Promise<number> {
    return 0;
  }
}

export class InMemoryUsers extends UsersPort {
  readonly rows: User[] = [];

  async addIfEmailFree(orgId: OrgId, user: User): Promise<boolean> {
    const taken = this.rows.some((u) => u.organizationId === orgId && u.email.toLowerCase() === user.email.toLowerCase());
    if (taken) return false;
    this.rows.push({ ...user, organizationId: orgId });
    return true;
  }

  async listPage(orgId: OrgId, page: PageRequest): Promise<Page<User>> {
    return keysetPageOf(this.rows.filter((u) => u.organizationId === orgId), page);
  }

  async existingIds(orgId: OrgId, ids: readonly string[]): Promise<string[]> {
    return this.rows.filter((u) => u.organizationId === orgId && ids.includes(u.id)).map((u) => u.id);
  }
}

/** An organization row for fakes. */
export function organization(id: OrgId, overrides: Partial<Organization> = {}): Organization {
  return {
    id,
    name: 'Acme',
    plan: 'free',
    limits: { concurrentSlots: 3, callsPerHour: 100, minCreditsToStart: 10 },
    defaultCountry: 'TR',
    timeZone: 'Europe/Istanbul',
    createdAt: new Date('2026-01-01T00:00:00.000Z'),
    updatedAt: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  };
}

