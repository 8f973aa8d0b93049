import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { CallsHttpController } from './calls.http.controller';

/** /v1/calls: the HTTP face of the dialer's calls; the controller only forwards. */
@Module({ controllers: [CallsHttpController], providers: [ServiceRpc] })
export class CallsModule {}
