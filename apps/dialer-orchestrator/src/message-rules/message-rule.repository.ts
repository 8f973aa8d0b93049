import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { TenantRepository, type OrgId, type Page, type PageRequest, type Tx } from '@santral/persistence';
import type { MessageRule } from './message-rule';
import { MessageRuleEntity } from './message-rule.entity';
import { MessageRuleStore, type MessageRuleChanges, type NewMessageRule } from './message-rule.store';

const UNIQUE_VIOLATION = '23505';

@Injectable()
export class MessageRuleRepository extends TenantRepository<MessageRuleEntity> implements MessageRuleStore {
  constructor(@InjectRepository(MessageRuleEntity) repo: Repository<MessageRuleEntity>) {
    super(repo);
  }

  async addIfNameFree(orgId: OrgId, r: NewMessageRule, tx: Tx): Promise<boolean> {
    const rows = await this.sql(
      orgId,
      `INSERT INTO message_rules (id, organization_id, name, active, channel, called_numbers, "when", business_hours, template, window_hours, callback_after_minutes, priority)
       VALUES ($2, $1, $3, $4, $5, $6::text[], $7, $8::jsonb, $9, $10, $11, $12)
       ON CONFLICT (organization_id, name) DO NOTHING RETURNING 1`,
      [r.id, r.name, r.active, r.channel, r.calledNumbers, r.when, JSON.stringify(r.businessHours), r.template, r.windowHours, r.callbackAfterMinutes, r.priority],
      tx,
    );
    return rows.length > 0;
  }

  findById(orgId: OrgId, id: string, tx?: Tx): Promise<MessageRule | null> {
    return this.findOne(orgId, { id }, tx);
  }

  page(orgId: OrgId, page: PageRequest): Promise<Page<MessageRule>> {
    return this.findPage(orgId, page);
  }

  // One statement on its own: a name clash fails only it (no transaction to poison).
  async change(orgId: OrgId, id: string, changes: MessageRuleChanges): Promise<MessageRule | null | 'name_taken'> {
    try {
      const affected = await this.update(orgId, { id }, changes);
      return affected === 0 ? null : this.findById(orgId, id);
    } catch (err) {
      if ((err as { code?: string }).code === UNIQUE_VIOLATION || (err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) return 'name_taken';
      throw err;
    }
  }

  async remove(orgId: OrgId, id: string): Promise<boolean> {
    return (await this.delete(orgId, { id })) > 0;
  }

  active(orgId: OrgId, tx: Tx): Promise<MessageRule[]> {
    return this.findMany(orgId, { active: true }, {}, tx);
  }

  async claimSend(orgId: OrgId, s: { ruleId: string; callerNumber: string; smsId: string; callId: string; windowHours: number }, tx: Tx): Promise<boolean> {
    const rows = await this.sql(
      orgId,
      `INSERT INTO message_rule_sends (organization_id, rule_id, caller_number, sms_id, call_id)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, rule_id, caller_number) DO UPDATE
         SET sms_id = EXCLUDED.sms_id, call_id = EXCLUDED.call_id, sent_at = now()
         WHERE message_rule_sends.sent_at <= now() - make_interval(hours => $6::int)
       RETURNING 1`,
      [s.ruleId, s.callerNumber, s.smsId, s.callId, s.windowHours],
      tx,
    );
    return rows.length > 0;
  }
}
