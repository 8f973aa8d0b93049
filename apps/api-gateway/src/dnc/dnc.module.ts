import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { DncHttpController } from './dnc.http.controller';

/** /v1/dnc: the HTTP face of the dialer's do-not-call list; the controller only forwards. */
@Module({ controllers: [DncHttpController], providers: [ServiceRpc] })
export class DncModule {}
