import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { CustomersHttpController } from './customers.http.controller';

/** /v1/customers: the HTTP face of the ticketing service's customers and screen-pop. */
@Module({ controllers: [CustomersHttpController], providers: [ServiceRpc] })
export class CustomersModule {}
