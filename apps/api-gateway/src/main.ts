import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { gatewayService } from './app.module';

void runService(gatewayService);
