import { Injectable } from '@nestjs/common';
import { DomainError, type MessageRuleReply, type MessageRuleRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { MessageRuleStore } from './message-rule.store';
import { toMessageRuleReply } from './message-rule.view';

@Injectable()
export class GetMessageRuleUseCase {
  constructor(private readonly rules: MessageRuleStore) {}

  async execute(input: MessageRuleRequest): Promise<MessageRuleReply> {
    const rule = await this.rules.findById(asOrgId(input.organizationId), input.id.toLowerCase());
    if (!rule) throw new DomainError('MESSAGE_RULE_NOT_FOUND', `Message rule ${input.id} not found`);
    return toMessageRuleReply(rule);
  }
}
