import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { bootstrapService } from '@santral/observability';
import { exitOnError, runService } from '@santral/service-kit';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadGatewayConfig } from './config';
import { entities } from './entities';
import { BODY_LIMIT_BYTES, configureHttpApp } from './http/configure-http-app';
import { migrations } from './migrations';

const config = loadGatewayConfig();
const appModule = AppModule.register(config);

/**
 * `node main.js migrate` goes through runService. Starting does not, yet: runService has no
 * hook to configure the app before it listens (OpenAPI, Swagger UI, content types).
 * PENDING(libs/service-kit): with a `configure` option this becomes one runService call.
 */
async function main(): Promise<void> {
  if (process.argv[2] === 'migrate') {
    await runService({ service: SERVICE_NAME, config, module: appModule, entities, migrations, rpc: false, bodyLimit: BODY_LIMIT_BYTES });
    return;
  }
  await bootstrapService(appModule, {
    host: config.HTTP_HOST,
    port: config.HTTP_PORT,
    bodyLimit: BODY_LIMIT_BYTES,
    beforeListen: configureHttpApp,
  });
  new Logger(SERVICE_NAME).log(`${SERVICE_NAME} listening on http://${config.HTTP_HOST}:${config.HTTP_PORT} (docs: /docs)`);
}

main().catch(exitOnError(SERVICE_NAME));
