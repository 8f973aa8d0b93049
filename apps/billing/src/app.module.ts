import { loadConfig } from '@santral/config';
import { defineService } from '@santral/service-kit';
import { BillingConfig } from './config';

/** Credit ledger, reservations, pricing (DESIGN §4); keeps each organization's minimum credits. */
export const billingService = defineService({
  name: 'billing',
  loadConfig: (env) => loadConfig(BillingConfig, env),
  events: true,
  settings: (s) => ({ minCreditsToStart: s.limits.minCreditsToStart }),
});
