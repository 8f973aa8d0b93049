import { serviceConfig } from '@santral/service-kit';

/** Billing's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class BillingConfig extends serviceConfig('billing') {}
