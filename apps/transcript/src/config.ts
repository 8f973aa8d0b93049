import { Matches, IsInt, Max, Min } from 'class-validator';
import { CommonConfig, loadConfig } from '@santral/config';

export class TranscriptConfig extends CommonConfig {
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/)
  DB_SCHEMA: string = 'transcript';

  @IsInt()
  @Min(0)
  @Max(65535)
  override HTTP_PORT: number = 3005;
}

export function loadTranscriptConfig(env: Record<string, string | undefined> = process.env): TranscriptConfig {
  return loadConfig(TranscriptConfig, env);
}
