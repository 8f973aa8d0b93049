import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { AgentsHttpController } from './agents.http.controller';

/** /v1/agents: the HTTP face of the campaign service's agents; the controller only forwards. */
@Module({ controllers: [AgentsHttpController], providers: [ServiceRpc] })
export class AgentsModule {}
