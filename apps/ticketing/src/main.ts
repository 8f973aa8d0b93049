import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { ticketingService } from './app.module';

void runService(ticketingService);
