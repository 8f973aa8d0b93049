import { serviceConfig } from '@santral/service-kit';

/** Campaign's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class CampaignConfig extends serviceConfig('campaign') {}
