import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, MESSAGE_RULE_LIMITS as L, Rpc, type MessageRuleCreateRequest, type MessageRuleReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import type { NewMessageRule } from './message-rule.store';
import { MessageRuleStore } from './message-rule.store';
import { MessageRuleChecks } from './message-rule.checks';
import { toMessageRuleReply } from './message-rule.view';

/** Adds a message rule (F3); its name is the organization's once (409 MESSAGE_RULE_NAME_TAKEN). */
@Injectable()
export class CreateMessageRuleUseCase {
  constructor(
    private readonly rules: MessageRuleStore,
    private readonly checks: MessageRuleChecks,
    private readonly commands: IdempotentCommands,
  ) {}

  async execute(input: MessageRuleCreateRequest): Promise<MessageRuleReply> {
    const orgId = asOrgId(input.organizationId);
    const rule: NewMessageRule = {
      id: uuidv7(),
      organizationId: orgId,
      name: input.name.trim(),
      active: input.active ?? true,
      channel: input.channel,
      calledNumbers: input.calledNumbers ?? [],
      when: input.when ?? 'always',
      businessHours: input.businessHours ?? [],
      template: input.template,
      windowHours: input.windowHours ?? L.windowHours.default,
      callbackAfterMinutes: input.callbackAfterMinutes ?? null,
      priority: input.priority ?? L.priority.default,
    };
    await this.checks.assertUsable(orgId, rule);
    return this.commands.run(orgId, Rpc.Dialer.MessageRuleCreate, input.idempotencyKey, async (tx) => {
      if (!(await this.rules.addIfNameFree(orgId, rule, tx))) {
        throw new DomainError('MESSAGE_RULE_NAME_TAKEN', `A message rule named "${rule.name}" exists already`, { errors: [{ field: 'name', message: 'is taken by another rule' }] });
      }
      const saved = await this.rules.findById(orgId, rule.id, tx);
      if (!saved) throw new DomainError('INTERNAL', `message rule ${rule.id} vanished while it was created`);
      return toMessageRuleReply(saved);
    });
  }
}
