/** Typed in-memory fakes of the dialer's ports, for unit specs (no I/O). */
import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import { IdempotentCommands, OrganizationSettingsRepository, type StoredSettings } from '@santral/service-kit';
import { FakeTransactions, keysetPageOf } from '@santral/testing';
import type { DialerOrganizationSettings } from '../src/settings/dialer-settings';
import { OrganizationNumbers } from '../src/settings/organization-numbers';
import { DncStore, type DncEntry, type DncListed } from '../src/dnc/dnc.store';
import type { Hotline } from '../src/hotlines/hotline';
import { HotlineStore, type HotlineChanges, type NewHotline } from '../src/hotlines/hotline.store';
import type { OperatorPresence } from '../src/presence/operator-presence';
import { PresenceStore, type PresenceChange } from '../src/presence/presence.store';

export const ORG_A = '0190a000-0000-7000-8000-00000000000a' as OrgId;
export const ORG_B = '0190b000-0000-7000-8000-00000000000b' as OrgId;

let seq = 0;
const nextId = (): string => `0190c000-0000-7000-8000-${String(++seq).padStart(12, '0')}`;
let tick = Date.parse('2026-01-02T03:04:05.000Z');
const nextTime = (): Date => new Date((tick += 1000));

/** The settings the dialer would hold from gateway events; `null` for an organization it has not heard of. */
export function organizationNumbers(settings: Record<string, Partial<DialerOrganizationSettings> | null>): OrganizationNumbers {
  const repo = {
    async get<T>(orgId: OrgId): Promise<StoredSettings<T> | null> {
      const s = settings[orgId];
      return s ? { settings: { concurrentSlots: 3, reservedInboundSlots: 0, callsPerHour: 100, ...s } as T, eventTime: new Date() } : null;
    },
  } as unknown as OrganizationSettingsRepository;
  return new OrganizationNumbers(repo);
}

/** Applies a command once per (organization, command, key), as the kit's table does. */
export class InMemoryIdempotentCommands extends IdempotentCommands {
  readonly answers = new Map<string, unknown>();
  readonly transactions = new FakeTransactions();

  constructor() {
    super(new FakeTransactions());
  }

  override async answered<T>(orgId: OrgId, command: string, key: string | undefined): Promise<{ result: T } | null> {
    const id = `${orgId}|${command}|${key}`;
    return key !== undefined && this.answers.has(id) ? { result: structuredClone(this.answers.get(id)) as T } : null;
  }

  override async run<T>(orgId: OrgId, command: string, key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    const id = `${orgId}|${command}|${key}`;
    if (key !== undefined && this.answers.has(id)) return structuredClone(this.answers.get(id)) as T;
    const result = await this.transactions.run(work);
    if (key !== undefined) this.answers.set(id, structuredClone(result));
    return result;
  }
}

export class InMemoryDnc extends DncStore {
  readonly rows: Array<DncEntry & { organizationId: OrgId }> = [];
  readonly txs: Tx[] = [];

  async addMissing(orgId: OrgId, numbers: readonly string[], reason: string | null, tx: Tx): Promise<DncListed[]> {
    this.txs.push(tx);
    return [...new Set(numbers)].map((number) => {
      const found = this.rows.find((r) => r.organizationId === orgId && r.number === number);
      if (found) return { id: found.id, number, added: false };
      const row = { id: nextId(), organizationId: orgId, number, reason, createdAt: nextTime() };
      this.rows.push(row);
      return { id: row.id, number, added: true };
    });
  }

  async page(orgId: OrgId, page: PageRequest): Promise<Page<DncEntry>> {
    return keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
  }

  async findByNumber(orgId: OrgId, e164: string): Promise<DncEntry | null> {
    return this.rows.find((r) => r.organizationId === orgId && r.number === e164) ?? null;
  }

  async remove(orgId: OrgId, id: string): Promise<DncEntry | null> {
    const i = this.rows.findIndex((r) => r.organizationId === orgId && r.id === id);
    return i < 0 ? null : this.rows.splice(i, 1)[0]!;
  }

  async isOnDnc(orgId: OrgId, e164: string): Promise<boolean> {
    return (await this.findByNumber(orgId, e164)) !== null;
  }

  async listedAmong(orgId: OrgId, numbers: readonly string[]): Promise<string[]> {
    const wanted = new Set(numbers);
    return [...new Set(this.rows.filter((r) => r.organizationId === orgId && wanted.has(r.number)).map((r) => r.number))];
  }
}

export class InMemoryHotlines extends HotlineStore {
  readonly rows: Hotline[] = [];

  async addIfNumberFree(orgId: OrgId, h: NewHotline): Promise<boolean> {
    if (this.rows.some((r) => r.organizationId === orgId && r.number === h.number)) return false;
    const at = nextTime();
    this.rows.push({ ...structuredClone(h), organizationId: orgId, createdAt: at, updatedAt: at });
    return true;
  }

  async findById(orgId: OrgId, id: string): Promise<Hotline | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    return row ? structuredClone(row) : null;
  }

  async findByNumber(orgId: OrgId, e164: string): Promise<Hotline | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.number === e164);
    return row ? structuredClone(row) : null;
  }

  async firstCallingOut(orgId: OrgId): Promise<Hotline | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.outboundAllowed);
    return row ? structuredClone(row) : null;
  }

  async page(orgId: OrgId, page: PageRequest): Promise<Page<Hotline>> {
    return keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
  }

  async change(orgId: OrgId, id: string, changes: HotlineChanges): Promise<Hotline | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    if (!row) return null;
    Object.assign(row, structuredClone(changes), { updatedAt: nextTime() });
    return structuredClone(row);
  }
}

export class InMemoryPresence extends PresenceStore {
  readonly rows = new Map<string, OperatorPresence>();

  async put(orgId: OrgId, p: PresenceChange): Promise<OperatorPresence> {
    const before = this.rows.get(`${orgId}|${p.userId}`);
    const stored = { ...p, endpoint: p.endpoint ?? before?.endpoint ?? null, updatedAt: nextTime() };
    this.rows.set(`${orgId}|${p.userId}`, stored);
    return { ...stored };
  }

  async holdForCall(orgId: OrgId, userId: string, callId: string): Promise<OperatorPresence | null> {
    const row = this.rows.get(`${orgId}|${userId}`);
    if (!row || row.status !== 'available' || row.currentCallId !== null || !row.endpoint) return null;
    Object.assign(row, { status: 'busy', currentCallId: callId, updatedAt: nextTime() });
    return { ...row };
  }

  async releaseFromCall(orgId: OrgId, userId: string, callId: string): Promise<boolean> {
    const row = this.rows.get(`${orgId}|${userId}`);
    if (!row || row.currentCallId !== callId) return false;
    Object.assign(row, { status: 'available', currentCallId: null, updatedAt: nextTime() });
    return true;
  }

  async find(orgId: OrgId, userId: string): Promise<OperatorPresence | null> {
    const row = this.rows.get(`${orgId}|${userId}`);
    return row ? { ...row } : null;
  }
}
