import registry from './services.json';
import type { Context } from '../subjects';
import { SERVICE_NAMES, type ServiceName } from '../vocabulary';

/**
 * The one registry of Santral's processes (services.json): scripts/, docker-compose.yml and
 * deploy/k8s read it or are checked against it by a test, and each service's config takes its
 * default schema and port from here.
 */
export interface ServiceInfo {
  name: ServiceName;
  /** The first subject token it publishes under (`dialer`), also its RPC context. */
  context: Context;
  /** Its own Postgres schema. */
  schema: string;
  /** Default HTTP port (health, metrics; the gateway's API; telephony's webhooks). */
  port: number;
  /** Serves NATS request/reply (`rpc.<context>.>`); the api-gateway only requests. */
  rpc: boolean;
  /** Node flags in production (npm start, compose, k8s). Why each: services.json's README row. */
  nodeFlags: readonly string[];
}

export const SERVICES: readonly ServiceInfo[] = registry as ServiceInfo[];

const byName = new Map<string, ServiceInfo>(SERVICES.map((s) => [s.name, s]));

export function serviceInfo(name: ServiceName): ServiceInfo {
  const info = byName.get(name);
  if (!info) throw new Error(`${name} is not in services.json`);
  return info;
}

/** Every ServiceName has exactly one entry (checked by services.spec.ts too). */
export function missingServices(): ServiceName[] {
  return SERVICE_NAMES.filter((n) => !byName.has(n));
}
