import 'reflect-metadata';
import { exitOnError, runService } from '@santral/service-kit';
import { AppModule, SERVICE_NAME } from './app.module';
import { loadTelephonyConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { SimulatorServer } from './simulator/simulator.server';

const config = loadTelephonyConfig();

async function main(): Promise<void> {
  // G5: the simulated provider is its own HTTP server; the gateway reaches it only over HTTP.
  if (process.argv[2] !== 'migrate' && config.SIMULATOR_ENABLED === 'true') {
    const simulator = new SimulatorServer();
    const url = await simulator.listen(config.SIMULATOR_PORT, config.SIMULATOR_HOST);
    process.stdout.write(`telephony-gateway: simulated provider listening on ${url}\n`);
  }
  await runService({ service: SERVICE_NAME, config, module: AppModule.register(config), entities, migrations, rpc: true, bodyLimit: 1_048_576 });
}

main().catch(exitOnError(SERVICE_NAME));
