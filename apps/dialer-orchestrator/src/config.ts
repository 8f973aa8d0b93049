import { serviceConfig } from '@santral/service-kit';

/** The dialer's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class DialerConfig extends serviceConfig('dialer-orchestrator') {}
