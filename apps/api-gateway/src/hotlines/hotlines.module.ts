import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { HotlinesHttpController } from './hotlines.http.controller';

/** /v1/hotlines: the HTTP face of the dialer's caller numbers; the controller only forwards. */
@Module({ controllers: [HotlinesHttpController], providers: [ServiceRpc] })
export class HotlinesModule {}
