import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { endReasonFor, type EndReasonCode } from '@santral/call-state';
import { makeEnvelope, streamName, Subjects, type DialerCallEndedV1, type EventEnvelope } from '@santral/contracts';
import { connectNats, decodeJson, NatsRpcClient } from '@santral/messaging';
import { asOrgId, migrateService, type OrgId } from '@santral/persistence';
import { OrganizationSettingsRepository, serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { billingService } from '../src/app.module';
import { PricePlansRepository } from '../src/pricing/price-plans.repository';
import { DEFAULT_PRICE_PLAN, type PricePlan } from '../src/pricing/price-plan';

/** One or more billing replicas on a fresh schema and subject prefix, with the test's own NATS connection. */
export interface BillingHarness {
  schema: string;
  prefix: string;
  replicas: NestFastifyApplication[];
  app: NestFastifyApplication;
  nc: NatsConnection;
  rpc: NatsRpcClient;
  db: DataSource;
  /** What billing published (billing.>), in order. */
  events: Array<{ type: string; orgid: string; data: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startBilling(opts: { replicas?: number; env?: Record<string, string> } = {}): Promise<BillingHarness> {
  const schema = uniqueName('billing');
  const prefix = uniqueName('bil');
  await migrateService({ url: testEnv.databaseUrl, schema, entities: serviceEntities(billingService), migrations: serviceMigrations(billingService) });
  const config = billingService.loadConfig({
    DATABASE_URL: testEnv.databaseUrl,
    NATS_URL: testEnv.natsUrl,
    DB_SCHEMA: schema,
    SUBJECT_PREFIX: prefix,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '0',
    PAYMENT_WORKER_INTERVAL_MS: '0',
    ...opts.env,
  });
  const replicas: NestFastifyApplication[] = [];
  for (let i = 0; i < (opts.replicas ?? 1); i++) replicas.push(await bootTestService(billingService, config));
  const nc = await connectNats({ servers: testEnv.natsUrl });
  const events: BillingHarness['events'] = [];
  nc.subscribe(`${prefix}.billing.>`, { callback: (_e, msg) => void events.push(decodeJson(msg.data) as BillingHarness['events'][number]) });
  const db = new DataSource({ type: 'postgres', url: testEnv.databaseUrl, schema, extra: { options: `-c search_path=${schema}` } });
  await db.initialize();
  return {
    schema,
    prefix,
    replicas,
    app: replicas[0]!,
    nc,
    rpc: new NatsRpcClient(nc, { subjectPrefix: prefix }),
    db,
    events,
    async close() {
      for (const r of replicas) await r.close();
      await nc.close();
      await db.destroy();
      await dropSchema(testEnv.databaseUrl, schema);
      await deleteTestStreams([streamName('Events', prefix), streamName('DeadLetters', prefix)]);
    },
  };
}

export const newOrg = (): OrgId => asOrgId(randomUUID());

export async function setPlan(h: BillingHarness, orgId: OrgId, plan: Partial<PricePlan>): Promise<void> {
  await h.app.get(PricePlansRepository).put(orgId, { ...DEFAULT_PRICE_PLAN, ...plan });
}

const announced = new Set<string>();

/** The platform admin's manual credit (the manual payment adapter), once billing knows the organization. */
export async function grant(h: BillingHarness, orgId: OrgId, credits: number): Promise<void> {
  if (!announced.has(orgId)) {
    const known = await h.app.get(OrganizationSettingsRepository).get(orgId);
    if (!known) {
      await publishOrganization(h, orgId, 10);
      await waitFor(async () => (await h.app.get(OrganizationSettingsRepository).get(orgId)) !== null, 15_000, 'organization known to billing');
    }
    announced.add(orgId);
  }
  await h.rpc.request('rpc.billing.credits.grant', { organizationId: orgId, amount: credits, note: 'test credit' });
}

export interface EndedInput {
  callId: string;
  attempt?: number;
  reason?: EndReasonCode;
  talkSeconds?: number;
  forwardedSeconds?: number;
  answered?: boolean;
  reservationId?: string;
  campaignId?: string;
  to?: string;
}

export function endedEvent(orgId: OrgId, e: EndedInput): DialerCallEndedV1 {
  const r = endReasonFor(e.reason ?? 'completed');
  const talk = e.talkSeconds ?? 0;
  return {
    organizationId: orgId,
    callId: e.callId,
    attempt: e.attempt ?? 1,
    direction: 'outbound',
    kind: e.campaignId ? 'campaign' : 'single',
    state: r.status,
    to: e.to ?? '+905551230005',
    ...(e.campaignId ? { campaignId: e.campaignId } : {}),
    endReason: { status: r.status, reason: r.reason, fault: r.fault, billable: r.billable },
    talkSeconds: talk,
    waitSeconds: 5,
    totalSeconds: talk + 5,
    forwardedSeconds: e.forwardedSeconds ?? 0,
    ...((e.answered ?? talk > 0) ? { answeredAt: new Date().toISOString() } : {}),
    ...(e.reservationId ? { reservationId: e.reservationId } : {}),
  } as DialerCallEndedV1;
}

/** Publishes dialer.call.ended.v1 as the dialer would; `envelope` re-sends an earlier one as it was. */
export async function publishEnded(h: BillingHarness, orgId: OrgId, e: EndedInput, envelope?: EventEnvelope): Promise<EventEnvelope> {
  const env = envelope ?? makeEnvelope({ type: Subjects.Dialer.CallEnded, source: 'santral/dialer-orchestrator', data: endedEvent(orgId, e), orgid: orgId, subject: e.callId });
  await jetstream(h.nc).publish(`${h.prefix}.${Subjects.Dialer.CallEnded}`, JSON.stringify(env));
  return env;
}

/** The account's balances and the sums of its entries (units). */
export async function ledgerState(h: BillingHarness, orgId: OrgId) {
  const [row] = (await h.db.query(
    `SELECT a.posted_credits::bigint AS credits, a.posted_debits::bigint AS debits, a.pending_debits::bigint AS pending,
            COALESCE(sum(e.credits_delta), 0)::bigint AS sum_credits, COALESCE(sum(e.debits_delta), 0)::bigint AS sum_debits,
            COALESCE(sum(e.pending_delta), 0)::bigint AS sum_pending, count(e.id)::int AS entries
       FROM accounts a LEFT JOIN ledger_entries e ON e.organization_id = a.organization_id
      WHERE a.organization_id = $1 GROUP BY a.organization_id`,
    [orgId],
  )) as Array<Record<string, string | number>>;
  const n = (k: string) => Number(row?.[k] ?? 0);
  return { credits: n('credits'), debits: n('debits'), pending: n('pending'), sumCredits: n('sum_credits'), sumDebits: n('sum_debits'), sumPending: n('sum_pending'), entries: n('entries') };
}

export async function settlementOf(h: BillingHarness, orgId: OrgId, callId: string, attempt = 1) {
  const [row] = (await h.db.query(`SELECT charged::bigint AS charged, shortfall::bigint AS shortfall, late, cost::bigint AS cost FROM settlements WHERE organization_id = $1 AND call_id = $2 AND attempt = $3`, [
    orgId,
    callId,
    attempt,
  ])) as Array<{ charged: string; shortfall: string; late: boolean; cost: string }>;
  return row ? { charged: Number(row.charged), shortfall: Number(row.shortfall), late: row.late, cost: Number(row.cost) } : null;
}

/** The gateway's organization event, for billing's copy of limits.minCreditsToStart. */
export async function publishOrganization(h: BillingHarness, orgId: OrgId, minCreditsToStart: number): Promise<void> {
  const data = { organizationId: orgId, name: 'Org', plan: 'free', limits: { concurrentSlots: 5, callsPerHour: 100, minCreditsToStart }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul' };
  const env = makeEnvelope({ type: Subjects.Gateway.OrganizationCreated, source: 'santral/api-gateway', data, orgid: orgId, subject: orgId });
  await jetstream(h.nc).publish(`${h.prefix}.${Subjects.Gateway.OrganizationCreated}`, JSON.stringify(env), { msgID: env.id });
}

export const eventsOf = (h: BillingHarness, type: string, orgId: string) => h.events.filter((e) => e.type === type && e.orgid === orgId);
