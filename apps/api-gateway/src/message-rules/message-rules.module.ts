import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { MessageRulesHttpController } from './message-rules.http.controller';

/** /v1/message-rules: the HTTP face of the dialer's message rules; the controller only forwards. */
@Module({ controllers: [MessageRulesHttpController], providers: [ServiceRpc] })
export class MessageRulesModule {}
