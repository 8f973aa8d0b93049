import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { telephonyService } from './app.module';
import { loadTelephonyConfig, simulatorControlKey } from './config';
import { SimulatorServer } from './simulator/simulator.server';

async function main(): Promise<void> {
  // `migrate` needs the database only (runService), not this service's secrets.
  const config = process.argv[2] === 'migrate' ? undefined : loadTelephonyConfig();
  // G5: the simulated provider is its own HTTP server; the gateway reaches it only over HTTP.
  if (config?.SIMULATOR_ENABLED === 'true') {
    const url = await new SimulatorServer({ controlKey: simulatorControlKey(config) }).listen(config.SIMULATOR_PORT, config.SIMULATOR_HOST);
    process.stdout.write(`telephony-gateway: simulated provider listening on ${url}\n`);
  }
  await runService(telephonyService);
}

void main();
