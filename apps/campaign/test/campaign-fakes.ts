import { FINAL_CAMPAIGN_CONTACT_STATES, type CampaignContactProgressV1, type CampaignContactState, type CampaignCountsV1, type CampaignTotalsV1, type RequestedContactV1 } from '@santral/contracts';
import { TransactionRunner, asOrgId, type OrgId, type Page, type Tx } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import type { Campaign, CampaignAgent, ReleasedContact } from '../src/campaigns/campaign';
import {
  CampaignEventsPort,
  CampaignSourcesPort,
  CampaignsPort,
  CreditBalance,
  DialerDiagnostics,
  ProgressPort,
  ReleaseTrigger,
  type CampaignRef,
  type ContactFact,
  type CreditStanding,
  type DialerDiagnosis,
} from '../src/campaigns/campaigns.port';

export const ORG_A = asOrgId('0190aaaa-0000-7000-8000-000000000001');
export const ORG_B = asOrgId('0190bbbb-0000-7000-8000-000000000002');
export const AGENT = '0190cccc-0000-7000-8000-000000000001';
export const LIST = '0190dddd-0000-7000-8000-000000000001';

const TX = {} as Tx;

export class FakeTransactions extends TransactionRunner {
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return work(TX);
  }
}

export class FakeCommands extends IdempotentCommands {
  constructor() {
    super(new FakeTransactions());
  }

  override run<T>(_orgId: OrgId, _command: string, _key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return work(TX);
  }
}

export class FixedClock extends Clock {
  constructor(public at = new Date('2026-12-01T10:00:00Z')) {
    super();
  }

  now(): Date {
    return new Date(this.at);
  }
}

export class InMemoryCampaigns extends CampaignsPort {
  readonly rows = new Map<string, Campaign>();

  private key = (orgId: string, id: string) => `${orgId}|${id}`;

  async insert(c: Campaign): Promise<void> {
    this.rows.set(this.key(c.organizationId, c.id), structuredClone(c));
  }

  async update(c: Campaign): Promise<void> {
    this.rows.set(this.key(c.organizationId, c.id), structuredClone(c));
  }

  async findForUpdate(orgId: OrgId, id: string): Promise<Campaign | null> {
    return this.find(orgId, id);
  }

  async find(orgId: OrgId, id: string): Promise<Campaign | null> {
    const c = this.rows.get(this.key(orgId, id));
    return c ? structuredClone(c) : null;
  }

  async page(orgId: OrgId, limit: number): Promise<Page<Campaign>> {
    const items = [...this.rows.values()].filter((c) => c.organizationId === orgId).slice(0, limit);
    return { items, nextCursor: null };
  }

  async activeForUpdate(orgId: OrgId): Promise<Campaign[]> {
    return [...this.rows.values()].filter((c) => c.organizationId === orgId && c.state === 'active').map((c) => structuredClone(c));
  }

  async releasing(): Promise<CampaignRef[]> {
    return [...this.rows.values()].filter((c) => c.state === 'active' && !c.release.done).map((c) => ({ organizationId: c.organizationId as OrgId, campaignId: c.id }));
  }

  async pastTheirEnd(now: Date): Promise<CampaignRef[]> {
    return [...this.rows.values()].filter((c) => ['scheduled', 'active', 'paused'].includes(c.state) && c.endsAt <= now).map((c) => ({ organizationId: c.organizationId as OrgId, campaignId: c.id }));
  }
}

export const completeAgent = (over: Partial<CampaignAgent> = {}): CampaignAgent => ({ id: AGENT, active: true, missingFields: [], usedVariables: ['name'], ...over });

/** Agents and lists per organization; contacts ordered by id. */
export class FakeSources extends CampaignSourcesPort {
  agents = new Map<string, CampaignAgent>([[`${ORG_A}|${AGENT}`, completeAgent()]]);
  lists = new Map<string, { variables: string[]; contacts: ReleasedContact[] }>([[`${ORG_A}|${LIST}`, { variables: ['sehir'], contacts: contacts(3) }]]);

  async agent(orgId: OrgId, agentId: string): Promise<CampaignAgent | null> {
    return this.agents.get(`${orgId}|${agentId}`) ?? null;
  }

  async callListExists(orgId: OrgId, callListId: string): Promise<boolean> {
    return this.lists.has(`${orgId}|${callListId}`);
  }

  async contactCount(orgId: OrgId, callListId: string): Promise<number> {
    return this.lists.get(`${orgId}|${callListId}`)?.contacts.length ?? 0;
  }

  async listVariables(orgId: OrgId, callListId: string): Promise<string[]> {
    return this.lists.get(`${orgId}|${callListId}`)?.variables ?? [];
  }

  async contactsAfter(orgId: OrgId, callListId: string, after: string | null, limit: number): Promise<ReleasedContact[]> {
    return (this.lists.get(`${orgId}|${callListId}`)?.contacts ?? []).filter((c) => after === null || c.id > after).slice(0, limit);
  }

  async hasContactsAfter(orgId: OrgId, callListId: string, after: string | null): Promise<boolean> {
    return (await this.contactsAfter(orgId, callListId, after, 1)).length > 0;
  }
}

export function contacts(n: number): ReleasedContact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `0190eeee-0000-7000-8000-${String(i).padStart(12, '0')}`,
    phone: `+90532${String(1_000_000 + i).padStart(7, '0')}`,
    name: `Kişi ${i}`,
    timeZone: i % 2 ? 'Europe/Istanbul' : null,
    variables: { sehir: 'Ankara' },
  }));
}

const FINAL = FINAL_CAMPAIGN_CONTACT_STATES as readonly string[];

export class InMemoryProgress extends ProgressPort {
  readonly contacts_ = new Map<string, { state: CampaignContactState; rank: number; attempts: number; phone: string; callId?: string; endReason?: string }>();
  readonly calls_ = new Map<string, { talkSeconds: number; answered: boolean; campaignId: string }>();
  readonly charges = new Map<string, { amount: number; campaignId: string }>();

  async addPending(orgId: OrgId, campaignId: string, list: ReadonlyArray<Pick<RequestedContactV1, 'contactId' | 'to'>>): Promise<void> {
    for (const c of list) {
      const key = `${orgId}|${campaignId}|${c.contactId}`;
      if (!this.contacts_.has(key)) this.contacts_.set(key, { state: 'pending', rank: 0, attempts: 0, phone: c.to });
    }
  }

  async apply(orgId: OrgId, campaignId: string, f: ContactFact): Promise<boolean> {
    const key = `${orgId}|${campaignId}|${f.contactId}`;
    const row = this.contacts_.get(key);
    if (!row || row.rank >= f.rank || FINAL.includes(row.state)) return false;
    this.contacts_.set(key, { ...row, state: f.state, rank: f.rank, attempts: Math.max(row.attempts, f.attempts), callId: f.callId ?? row.callId, endReason: f.endReason ?? row.endReason });
    return true;
  }

  async recordCall(_orgId: OrgId, campaignId: string, callId: string, talkSeconds: number, answered: boolean): Promise<void> {
    if (!this.calls_.has(callId)) this.calls_.set(callId, { talkSeconds, answered, campaignId });
  }

  async recordCharge(_orgId: OrgId, campaignId: string, reservationId: string, amount: number): Promise<void> {
    if (!this.charges.has(reservationId)) this.charges.set(reservationId, { amount, campaignId });
  }

  private of(orgId: OrgId, campaignId: string) {
    return [...this.contacts_.entries()].filter(([k]) => k.startsWith(`${orgId}|${campaignId}|`)).map(([, v]) => v);
  }

  async openCount(orgId: OrgId, campaignId: string): Promise<number> {
    return this.of(orgId, campaignId).filter((c) => !FINAL.includes(c.state)).length;
  }

  async cancelOpen(orgId: OrgId, campaignId: string): Promise<void> {
    for (const [k, v] of this.contacts_) if (k.startsWith(`${orgId}|${campaignId}|`) && !FINAL.includes(v.state)) this.contacts_.set(k, { ...v, state: 'cancelled', rank: 1_000_000 });
  }

  async totals(orgId: OrgId, campaignId: string): Promise<CampaignTotalsV1> {
    const n = (s: CampaignContactState) => this.of(orgId, campaignId).filter((c) => c.state === s).length;
    return { pending: n('pending'), inProgress: n('in_progress'), retryScheduled: n('retry_scheduled'), succeeded: n('succeeded'), failed: n('failed'), exhausted: n('exhausted'), blocked: n('blocked'), cancelled: n('cancelled') };
  }

  async calls(_orgId: OrgId, campaignId: string): Promise<{ calls: number; averageTalkSeconds: number | null; cost: number }> {
    const calls = [...this.calls_.values()].filter((c) => c.campaignId === campaignId);
    const answered = calls.filter((c) => c.answered);
    const cost = [...this.charges.values()].filter((c) => c.campaignId === campaignId).reduce((s, c) => s + c.amount, 0);
    return { calls: calls.length, averageTalkSeconds: answered.length ? answered.reduce((s, c) => s + c.talkSeconds, 0) / answered.length : null, cost };
  }

  async contacts(): Promise<Page<CampaignContactProgressV1>> {
    return { items: [], nextCursor: null };
  }

  zones: Array<{ zone: string | null; contacts: number }> = [];

  async openByZone(): Promise<Array<{ zone: string | null; contacts: number }>> {
    return this.zones;
  }
}

export type RecordedEvent = { type: string; campaignId: string; [k: string]: unknown };

export class RecordingEvents extends CampaignEventsPort {
  readonly events: RecordedEvent[] = [];

  async started(c: Campaign, totalContacts: number): Promise<void> {
    this.events.push({ type: 'started', campaignId: c.id, totalContacts, sampleSize: c.sampleSize });
  }

  async updated(c: Campaign): Promise<void> {
    this.events.push({ type: 'updated', campaignId: c.id, callingWindows: c.callingWindows });
  }

  async paused(c: Campaign): Promise<void> {
    this.events.push({ type: 'paused', campaignId: c.id, reason: c.pauseReason });
  }

  async resumed(c: Campaign): Promise<void> {
    this.events.push({ type: 'resumed', campaignId: c.id });
  }

  async cancelled(c: Campaign): Promise<void> {
    this.events.push({ type: 'cancelled', campaignId: c.id });
  }

  async completed(c: Campaign, counts: CampaignCountsV1): Promise<void> {
    this.events.push({ type: 'completed', campaignId: c.id, reason: c.completionReason, counts });
  }

  async callsRequested(c: Campaign, list: RequestedContactV1[]): Promise<void> {
    this.events.push({ type: 'requested', campaignId: c.id, contacts: list.map((k) => k.contactId) });
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }
}

export class FakeCredits extends CreditBalance {
  constructor(public standing_: CreditStanding = { available: 100, minCreditsToStart: 5 }) {
    super();
  }

  async standing(): Promise<CreditStanding> {
    return this.standing_;
  }
}

export class FakeDialerDiagnostics extends DialerDiagnostics {
  constructor(public diagnosis: DialerDiagnosis = { answered: false, unavailable: 'timed out', reasons: [] }) {
    super();
  }

  async diagnose(): Promise<DialerDiagnosis> {
    return this.diagnosis;
  }
}

export class CountingTrigger extends ReleaseTrigger {
  wakes = 0;

  wake(): void {
    this.wakes += 1;
  }
}
