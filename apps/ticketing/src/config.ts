import { Matches, IsInt, Max, Min } from 'class-validator';
import { CommonConfig, loadConfig } from '@santral/config';

export class TicketingConfig extends CommonConfig {
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_SCHEMA: string = 'ticketing';

  @IsInt()
  @Min(0)
  @Max(65535)
  override HTTP_PORT: number = 3006;
}

export function loadTicketingConfig(env: Record<string, string | undefined> = process.env): TicketingConfig {
  return loadConfig(TicketingConfig, env);
}
