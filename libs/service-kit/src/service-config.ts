import { IsInt, Matches, Max, Min } from 'class-validator';
import { CommonConfig } from '@santral/config';
import { serviceInfo, type ServiceName } from '@santral/contracts';

/** A Postgres schema name that needs no quoting. */
export const SCHEMA_NAME_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

export type ServiceConfigClass = new () => CommonConfig & { DB_SCHEMA: string };

/**
 * The config base of one service: CommonConfig with `DB_SCHEMA` and `HTTP_PORT` defaulting to
 * the service's entry in services.json. An app's config extends it with its own variables only:
 * `export class BillingConfig extends serviceConfig('billing') {}`.
 */
export function serviceConfig(name: ServiceName) {
  const info = serviceInfo(name);
  class ServiceConfig extends CommonConfig {
    @Matches(SCHEMA_NAME_PATTERN, { message: 'DB_SCHEMA must be a lower-case Postgres schema name' })
    DB_SCHEMA: string = info.schema;

    @IsInt()
    @Min(0)
    @Max(65535)
    override HTTP_PORT: number = info.port;
  }
  return ServiceConfig;
}
