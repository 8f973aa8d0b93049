import { Controller } from '@nestjs/common';
import { MessageRuleCreateRequest, MessageRuleListRequest, MessageRuleRequest, MessageRuleUpdateRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateMessageRuleUseCase } from './create-message-rule.use-case';
import { DeleteMessageRuleUseCase } from './delete-message-rule.use-case';
import { GetMessageRuleUseCase } from './get-message-rule.use-case';
import { ListMessageRulesUseCase } from './list-message-rules.use-case';
import { UpdateMessageRuleUseCase } from './update-message-rule.use-case';

/** NATS request/reply adapter for /v1/message-rules. */
@Controller()
export class MessageRulesMessagesController {
  constructor(
    private readonly createRule: CreateMessageRuleUseCase,
    private readonly listRules: ListMessageRulesUseCase,
    private readonly getRule: GetMessageRuleUseCase,
    private readonly updateRule: UpdateMessageRuleUseCase,
    private readonly deleteRule: DeleteMessageRuleUseCase,
  ) {}

  @RpcHandler(Rpc.Dialer.MessageRuleCreate)
  create(input: MessageRuleCreateRequest) {
    return this.createRule.execute(input);
  }

  @RpcHandler(Rpc.Dialer.MessageRuleList)
  list(input: MessageRuleListRequest) {
    return this.listRules.execute(input);
  }

  @RpcHandler(Rpc.Dialer.MessageRuleGet)
  get(input: MessageRuleRequest) {
    return this.getRule.execute(input);
  }

  @RpcHandler(Rpc.Dialer.MessageRuleUpdate)
  update(input: MessageRuleUpdateRequest) {
    return this.updateRule.execute(input);
  }

  @RpcHandler(Rpc.Dialer.MessageRuleDelete)
  delete(input: MessageRuleRequest) {
    return this.deleteRule.execute(input);
  }
}
