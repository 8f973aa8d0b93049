import { Injectable } from '@nestjs/common';
import { DomainError, type MessageRuleReply, type MessageRuleUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { MessageRuleChecks } from './message-rule.checks';
import { MessageRuleStore, type MessageRuleChanges } from './message-rule.store';
import { toMessageRuleReply } from './message-rule.view';

const FIELDS = ['name', 'active', 'channel', 'calledNumbers', 'when', 'businessHours', 'template', 'windowHours', 'callbackAfterMinutes', 'priority'] as const;

/** Replaces the given fields; the rule as it would be afterwards is checked like a new one. */
@Injectable()
export class UpdateMessageRuleUseCase {
  constructor(
    private readonly rules: MessageRuleStore,
    private readonly checks: MessageRuleChecks,
  ) {}

  async execute(input: MessageRuleUpdateRequest): Promise<MessageRuleReply> {
    const orgId = asOrgId(input.organizationId);
    const id = input.id.toLowerCase();
    const changes = Object.fromEntries(FIELDS.filter((f) => input[f] !== undefined).map((f) => [f, f === 'name' ? input.name!.trim() : input[f]])) as MessageRuleChanges;
    if (Object.keys(changes).length === 0) throw DomainError.validation([{ field: 'name', message: `give at least one of ${FIELDS.join(', ')}` }], 'Nothing to change');
    const current = await this.rules.findById(orgId, id);
    if (!current) throw new DomainError('MESSAGE_RULE_NOT_FOUND', `Message rule ${input.id} not found`);
    await this.checks.assertUsable(orgId, { ...current, ...changes });
    const updated = await this.rules.change(orgId, id, changes);
    if (updated === 'name_taken') throw new DomainError('MESSAGE_RULE_NAME_TAKEN', `A message rule named "${changes.name}" exists already`, { errors: [{ field: 'name', message: 'is taken by another rule' }] });
    if (!updated) throw new DomainError('MESSAGE_RULE_NOT_FOUND', `Message rule ${input.id} not found`);
    return toMessageRuleReply(updated);
  }
}
