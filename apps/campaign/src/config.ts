import { Matches, IsInt, Max, Min } from 'class-validator';
import { CommonConfig, loadConfig } from '@santral/config';

export class CampaignConfig extends CommonConfig {
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_SCHEMA: string = 'campaign';

  /** Prepended to every JetStream subject and stream name; integration tests isolate themselves with it. */
  @Matches(/^([a-z0-9_]{1,40})?$/)
  SUBJECT_PREFIX: string = '';

  @IsInt()
  @Min(0)
  @Max(65535)
  override HTTP_PORT: number = 3002;
}

export function loadCampaignConfig(env: Record<string, string | undefined> = process.env): CampaignConfig {
  return loadConfig(CampaignConfig, env);
}
