import 'reflect-metadata';
import { runService } from '@santral/service-kit';
import { telephonyService } from './app.module';
import { loadTelephonyConfig, simulatorControlKey } from './config';
import { SimulatorServer } from './simulator/simulator.server';

async function main(): Promise<void> {
  const config = loadTelephonyConfig();
  // G5: the simulated provider is its own HTTP server; the gateway reaches it only over HTTP.
  if (process.argv[2] !== 'migrate' && config.SIMULATOR_ENABLED === 'true') {
    const url = await new SimulatorServer({ controlKey: simulatorControlKey(config) }).listen(config.SIMULATOR_PORT, config.SIMULATOR_HOST);
    process.stdout.write(`telephony-gateway: simulated provider listening on ${url}\n`);
  }
  await runService(telephonyService);
}

void main();
