import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { transcriptService } from './app.module';

void runService(transcriptService);
