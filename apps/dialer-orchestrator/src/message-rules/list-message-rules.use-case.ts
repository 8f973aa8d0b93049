import { Injectable } from '@nestjs/common';
import type { MessageRuleListRequest, MessageRulePageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { MessageRuleStore } from './message-rule.store';
import { toMessageRuleReply } from './message-rule.view';

@Injectable()
export class ListMessageRulesUseCase {
  constructor(private readonly rules: MessageRuleStore) {}

  async execute(input: MessageRuleListRequest): Promise<MessageRulePageReply> {
    const { items, nextCursor } = await this.rules.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor));
    return { items: items.map(toMessageRuleReply), nextCursor };
  }
}
