import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HotlinesModule } from '../hotlines/hotlines.module';
import { CreateMessageRuleUseCase } from './create-message-rule.use-case';
import { DeleteMessageRuleUseCase } from './delete-message-rule.use-case';
import { GetMessageRuleUseCase } from './get-message-rule.use-case';
import { ListMessageRulesUseCase } from './list-message-rules.use-case';
import { MessageRuleChecks } from './message-rule.checks';
import { MessageRuleEntity } from './message-rule.entity';
import { MessageRuleRepository } from './message-rule.repository';
import { MessageRuleStore } from './message-rule.store';
import { MessageRulesMessagesController } from './message-rules.messages.controller';
import { MissedCallMessage } from './missed-call-message';
import { UpdateMessageRuleUseCase } from './update-message-rule.use-case';

/** Message rules (F3); exports what a missed call asks of them. */
@Module({
  imports: [TypeOrmModule.forFeature([MessageRuleEntity]), HotlinesModule],
  controllers: [MessageRulesMessagesController],
  providers: [
    { provide: MessageRuleStore, useClass: MessageRuleRepository },
    MessageRuleChecks,
    CreateMessageRuleUseCase,
    ListMessageRulesUseCase,
    GetMessageRuleUseCase,
    UpdateMessageRuleUseCase,
    DeleteMessageRuleUseCase,
    MissedCallMessage,
  ],
  exports: [MissedCallMessage],
})
export class MessageRulesModule {}
