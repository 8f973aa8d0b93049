import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { BillingHttpController } from './billing.http.controller';

/** /v1/billing: the HTTP face of the billing service; the controller only forwards. */
@Module({ controllers: [BillingHttpController], providers: [ServiceRpc] })
export class BillingModule {}
