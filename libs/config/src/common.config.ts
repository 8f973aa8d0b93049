import 'reflect-metadata';
import { IsIn, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

/** Variables every service reads. Each app's config class extends this one. */
export class CommonConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string = 'info';

  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/santral';

  /**
   * Development mode, said out loud (`npm start` sets it): development defaults such as the
   * simulator's sandbox may apply. Never inferred from NODE_ENV; deployments leave it false.
   */
  @IsIn(['true', 'false'], { message: 'SANTRAL_DEV_MODE must be true or false' })
  SANTRAL_DEV_MODE: 'true' | 'false' = 'false';

  @Matches(/^(nats|tls):\/\/[^,]+(,(nats|tls):\/\/[^,]+)*$/, {
    message: 'NATS_URL must be nats:// or tls:// URLs (comma-separate several servers)',
  })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /** This service's own NATS user (deploy/nats/authorization.conf); empty on a server without auth. */
  @IsString()
  NATS_USER: string = '';

  @ValidateIf((c: CommonConfig) => c.NATS_USER !== '')
  @Matches(/^.{16,}$/, { message: 'NATS_PASSWORD must be set (at least 16 characters) when NATS_USER is' })
  NATS_PASSWORD: string = '';

  /** PEM file of the CA that signed the NATS server's certificate (with tls:// URLs). */
  @IsString()
  NATS_TLS_CA: string = '';

  @IsString()
  HTTP_HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number = 3000;

  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE: number = 10;

  /** How long a query waits for a pooled connection before it fails and its message is retried. */
  @IsInt()
  @Min(100)
  @Max(600_000)
  DB_POOL_ACQUIRE_TIMEOUT_MS: number = 10_000;

  /**
   * Test isolation: every NATS subject of this process (events, commands, RPC) is
   * `<prefix>.<subject>`, and its streams are `<PREFIX>_EVENTS` / `<PREFIX>_DLQ`. Empty in production.
   */
  @Matches(/^([a-z0-9_]{1,40})?$/)
  SUBJECT_PREFIX: string = '';

  /**
   * Size of the events stream in MiB (JetStream reserves it on disk when the stream is created;
   * past it the oldest events go). 0: the default, 1 GiB, or 64 MiB for a test's own stream.
   */
  @IsInt()
  @Min(0)
  @Max(1_048_576)
  EVENTS_STREAM_MAX_MB: number = 0;

  /**
   * Copies JetStream keeps of the events and dead-letter streams: 1 on a single server; 3 on a
   * three-node cluster, so the streams survive losing a node (R3 needs at least three servers).
   */
  @IsInt()
  @Min(1)
  @Max(5)
  EVENTS_STREAM_REPLICAS: number = 1;
}
