import { defineService } from '@santral/service-kit';
import { loadTelephonyConfig } from './config';
import { entities } from './entities';
import { migrations } from './migrations';
import { TelephonyModule } from './telephony.module';

/** The only service that talks to carriers: provider adapters, webhooks, commands, reconciler. */
export const telephonyService = defineService({
  name: 'telephony-gateway',
  loadConfig: loadTelephonyConfig,
  module: (config) => TelephonyModule.register(config),
  entities,
  migrations,
  // Sent rows go at once (events live in JetStream); passes linger under load (bench/webhooks.ts).
  events: { relay: { retainSentMs: 0, lingerMs: 10 } },
  bodyLimit: 1_048_576,
});
