import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { billingService } from './app.module';

void runService(billingService);
