/** An in-memory message-rule store, for unit specs (no I/O). */
import type { OrgId, Page, PageRequest } from '@santral/persistence';
import { keysetPageOf } from '@santral/testing';
import type { MessageRule } from '../src/message-rules/message-rule';
import { MessageRuleStore, type MessageRuleChanges, type NewMessageRule } from '../src/message-rules/message-rule.store';

let tick = Date.parse('2026-01-02T03:04:05.000Z');
const nextTime = (): Date => new Date((tick += 1000));

export class InMemoryMessageRules extends MessageRuleStore {
  readonly rows: MessageRule[] = [];
  /** (organization, rule, caller) → when it was last sent, as the send table keeps it. */
  readonly sends = new Map<string, { at: number; smsId: string }>();
  now = Date.parse('2026-03-02T12:00:00.000Z');

  async addIfNameFree(orgId: OrgId, r: NewMessageRule): Promise<boolean> {
    if (this.rows.some((x) => x.organizationId === orgId && x.name === r.name)) return false;
    const at = nextTime();
    this.rows.push({ ...structuredClone(r), organizationId: orgId, createdAt: at, updatedAt: at });
    return true;
  }

  async findById(orgId: OrgId, id: string): Promise<MessageRule | null> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    return row ? structuredClone(row) : null;
  }

  async page(orgId: OrgId, page: PageRequest): Promise<Page<MessageRule>> {
    return keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
  }

  async change(orgId: OrgId, id: string, changes: MessageRuleChanges): Promise<MessageRule | null | 'name_taken'> {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    if (!row) return null;
    if (changes.name !== undefined && this.rows.some((r) => r.organizationId === orgId && r.id !== id && r.name === changes.name)) return 'name_taken';
    Object.assign(row, structuredClone(changes), { updatedAt: nextTime() });
    return structuredClone(row);
  }

  async remove(orgId: OrgId, id: string): Promise<boolean> {
    const i = this.rows.findIndex((r) => r.organizationId === orgId && r.id === id);
    if (i < 0) return false;
    this.rows.splice(i, 1);
    return true;
  }

  async active(orgId: OrgId): Promise<MessageRule[]> {
    return this.rows.filter((r) => r.organizationId === orgId && r.active).map((r) => structuredClone(r));
  }

  async claimSend(orgId: OrgId, s: { ruleId: string; callerNumber: string; smsId: string; windowHours: number }): Promise<boolean> {
    const key = `${orgId}|${s.ruleId}|${s.callerNumber}`;
    const last = this.sends.get(key);
    if (last && last.at > this.now - s.windowHours * 3_600_000) return false;
    this.sends.set(key, { at: this.now, smsId: s.smsId });
    return true;
  }
}
