import { Injectable } from '@nestjs/common';
import { DomainError, type MessageRuleDeletedReply, type MessageRuleRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { MessageRuleStore } from './message-rule.store';

/** Deletes a rule; what it sent stays sent (its send records go unused). */
@Injectable()
export class DeleteMessageRuleUseCase {
  constructor(private readonly rules: MessageRuleStore) {}

  async execute(input: MessageRuleRequest): Promise<MessageRuleDeletedReply> {
    const id = input.id.toLowerCase();
    if (!(await this.rules.remove(asOrgId(input.organizationId), id))) throw new DomainError('MESSAGE_RULE_NOT_FOUND', `Message rule ${input.id} not found`);
    return { id };
  }
}
