import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@santral/observability';
import { streamName } from '@santral/contracts';
import { createTestDatabase, deleteTestStreams, testEnv, uniqueName, type TestDatabase } from '@santral/testing';
import type { LightMyRequestResponse } from 'fastify';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, testSecrets } from '@santral/testing';
import { gatewayService } from '../src/app.module';
import { loadGatewayConfig } from '../src/config';

export const ADMIN_KEY = 'test-platform-admin-key-0123456789';
export const TABLES = ['organizations', 'api_keys', 'users', 'idempotency_keys'] as const;

export interface Gateway {
  app: NestFastifyApplication;
  /** This file's JetStream subject prefix (its own events stream). */
  subjectPrefix: string;
  db: TestDatabase;
  request(opts: RequestOptions): Promise<LightMyRequestResponse>;
  /** Creates an organization with the admin key; returns it and its first admin key. */
  createOrg(overrides?: Record<string, unknown>): Promise<{ id: string; key: string; keyId: string; body: OrgBody }>;
  /** A supervisor's and an operator's API key of the organization whose admin key is `orgKey` (for the per-role tests). */
  roleKeys(orgKey: string): Promise<{ supervisor: string; operator: string }>;
  rowCounts(): Promise<Record<string, number>>;
  close(): Promise<void>;
}

export interface OrgBody {
  organization: { id: string; defaultCountry: string; limits: Record<string, number>; [k: string]: unknown };
  apiKey: string;
  apiKeyInfo: { id: string; prefix: string; role: string };
}

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string;
  key?: string;
  body?: unknown;
  /** Sent as is (for malformed JSON and other content types). */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** Boots the real AppModule (Fastify, Postgres in its own schema, real NATS) for one test file; `env` overrides config. */
export async function startGateway(prefix: string, env: Record<string, string> = {}): Promise<Gateway> {
  const db = await createTestDatabase({ prefix, entities: serviceEntities(gatewayService), migrations: serviceMigrations(gatewayService) });
  const subjectPrefix = uniqueName(prefix);
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: db.url,
    NATS_URL: testEnv.natsUrl,
    DB_SCHEMA: db.schema,
    DB_POOL_SIZE: '5',
    SANTRAL_ADMIN_KEY: ADMIN_KEY,
    SUBJECT_PREFIX: subjectPrefix,
    TELEPHONY_SEALING_PUBLIC_KEY: testSecrets().TELEPHONY_SEALING_PUBLIC_KEY,
    ...env,
  });
  const app = await bootTestService(gatewayService, config);

  const request = (opts: RequestOptions): Promise<LightMyRequestResponse> => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    let payload: string | undefined;
    if (opts.rawBody !== undefined) payload = opts.rawBody;
    else if (opts.body !== undefined) {
      payload = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    return app.inject({ method: opts.method, url: opts.url, headers, payload });
  };

  const gateway: Gateway = {
    app,
    subjectPrefix,
    db,
    request,
    async createOrg(overrides = {}) {
      const res = await request({
        method: 'POST',
        url: '/v1/organizations',
        key: ADMIN_KEY,
        body: { name: 'Acme', defaultCountry: 'TR', timeZone: 'Europe/Istanbul', plan: 'free', ...overrides },
      });
      if (res.statusCode !== 201) throw new Error(`createOrg: ${res.statusCode} ${res.body}`);
      const body = res.json<OrgBody>();
      return { id: body.organization.id, key: body.apiKey, keyId: body.apiKeyInfo.id, body };
    },
    async roleKeys(orgKey) {
      const keyOf = async (role: string) => {
        const res = await request({ method: 'POST', url: '/v1/api-keys', key: orgKey, body: { name: role, role } });
        if (res.statusCode !== 201) throw new Error(`api key ${role}: ${res.statusCode} ${res.body}`);
        return res.json<{ key: string }>().key;
      };
      return { supervisor: await keyOf('supervisor'), operator: await keyOf('operator') };
    },
    async rowCounts() {
      const counts: Record<string, number> = {};
      for (const table of TABLES) {
        const rows: Array<{ n: string }> = await db.dataSource.query(`SELECT count(*) AS n FROM ${table}`);
        counts[table] = Number(rows[0].n);
      }
      return counts;
    },
    async close() {
      await app.close();
      await db.cleanup();
      await deleteTestStreams([streamName('Events', subjectPrefix), streamName('DeadLetters', subjectPrefix)]);
    },
  };
  return gateway;
}

/** Asserts an RFC 9457 answer with the stable code and its status. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string): Record<string, unknown> {
  const body = res.json<Record<string, unknown>>();
  expect({ status: res.statusCode, code: body.code }).toEqual({ status, code });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(body).toMatchObject({ type: expect.stringMatching(/^urn:santral:problem:/), title: expect.any(String), status });
  expect(typeof body.instance).toBe('string');
  return body;
}
