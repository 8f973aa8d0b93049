import { Matches, IsInt, Max, Min } from 'class-validator';
import { CommonConfig, loadConfig } from '@santral/config';

export class TelephonyConfig extends CommonConfig {
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_SCHEMA: string = 'telephony';

  @IsInt()
  @Min(0)
  @Max(65535)
  override HTTP_PORT: number = 3001;
}

export function loadTelephonyConfig(env: Record<string, string | undefined> = process.env): TelephonyConfig {
  return loadConfig(TelephonyConfig, env);
}
