import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { dialerService } from './app.module';

void runService(dialerService);
