import 'reflect-metadata';
import { exitOnError, runService } from '@santral/service-kit';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadCampaignConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';

const config = loadCampaignConfig();
runService({ service: SERVICE_NAME, config, module: AppModule.register(config), entities, migrations, rpc: true }).catch(
  exitOnError(SERVICE_NAME),
);
