import 'reflect-metadata';
import { exitOnError, runService } from '@santral/service-kit';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadGatewayConfig } from './config';
import { entities } from './entities';
import { BODY_LIMIT_BYTES, configureHttpApp } from './http/configure-http-app';
import { migrations } from './migrations';

const config = loadGatewayConfig();
const appModule = AppModule.register(config);

// The gateway serves HTTP only: commands and queries to services go out over NATS.
runService({
  service: SERVICE_NAME,
  config,
  module: appModule,
  entities,
  migrations,
  rpc: false,
  bodyLimit: BODY_LIMIT_BYTES,
  configure: configureHttpApp,
}).catch(exitOnError(SERVICE_NAME));
