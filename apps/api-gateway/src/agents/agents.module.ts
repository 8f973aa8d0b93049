import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { AgentsHttpController } from './agents.http.controller';
import { PlaceTestCallUseCase } from './place-test-call.use-case';

/** /v1/agents: the HTTP face of the campaign service's agents; a test call goes to the dialer. */
@Module({ controllers: [AgentsHttpController], providers: [ServiceRpc, PlaceTestCallUseCase] })
export class AgentsModule {}
