import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { campaignService } from './app.module';

void runService(campaignService);
