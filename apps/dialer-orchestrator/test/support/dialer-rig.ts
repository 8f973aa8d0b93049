import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource } from 'typeorm';
import { makeEnvelope, Rpc, streamName, Subjects, type OriginateCallV1 } from '@santral/contracts';
import { connectNats, decodeJson, NatsRpcClient } from '@santral/messaging';
import { migrateService } from '@santral/persistence';
import { serviceEntities, serviceMigrations } from '@santral/service-kit';
import { bootTestService, deleteTestStreams, dropSchema, testEnv, uniqueName, waitFor } from '@santral/testing';
import { dialerService } from '../../src/app.module';

/** How the test's stand-in for telephony answers an organization's originate commands. */
export type Telephony =
  /** ringing, answered, then ended (completed) a little later */
  | 'completes'
  /** ringing, then nothing more */
  | 'rings_forever'
  /** ringing and answered, then nothing more */
  | 'talks_forever'
  /** nothing at all */
  | 'silent';

export interface DialerEvent {
  type: string;
  orgid: string;
  data: Record<string, unknown>;
}

/** The zone where it is `localHour` now (tests pick zones instead of faking the clock of a booted dialer). */
export function zoneAt(localHour: number): string {
  const offset = ((localHour - new Date().getUTCHours() + 36) % 24) - 12;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/**
 * Dialer replicas on their own schema and subject prefix, with a stand-in for the telephony-gateway
 * (each originate is answered per its organization's `Telephony`) and a record of what the dialer
 * published (dialer.>, telephony.call.hangup).
 */
export class DialerRig {
  readonly schema = uniqueName('dlr_rig');
  readonly prefix = uniqueName('drg');
  readonly replicas: NestFastifyApplication[] = [];
  readonly originates: OriginateCallV1[] = [];
  readonly events: DialerEvent[] = [];
  readonly hangups: Array<{ callId: string; reason: string }> = [];
  readonly telephony = new Map<string, Telephony>();
  nc!: NatsConnection;
  rpc!: NatsRpcClient;

  async start(env: Record<string, string>, replicas = 1): Promise<this> {
    await migrateService({ url: testEnv.databaseUrl, schema: this.schema, entities: serviceEntities(dialerService), migrations: serviceMigrations(dialerService) });
    const config = dialerService.loadConfig({
      DATABASE_URL: testEnv.databaseUrl, NATS_URL: testEnv.natsUrl, DB_SCHEMA: this.schema, SUBJECT_PREFIX: this.prefix, NODE_ENV: 'test', CREDIT_RESERVATIONS: 'unmetered', LOG_LEVEL: 'silent',
      DISPATCH_INTERVAL_MS: '100', WATCHDOG_INTERVAL_MS: '300', ...env,
    });
    for (let i = 0; i < replicas; i++) this.replicas.push(await bootTestService(dialerService, config, { rpc: i === 0 }));
    this.nc = await connectNats({ servers: testEnv.natsUrl });
    this.rpc = new NatsRpcClient(this.nc, { subjectPrefix: this.prefix });
    this.nc.subscribe(`${this.prefix}.dialer.>`, { callback: (_e, msg) => void this.events.push(decodeJson(msg.data) as DialerEvent) });
    this.nc.subscribe(`${this.prefix}.${Subjects.Telephony.HangupCall}`, {
      callback: (_e, msg) => void this.hangups.push((decodeJson(msg.data) as { data: { callId: string; reason: string } }).data),
    });
    this.nc.subscribe(`${this.prefix}.${Subjects.Telephony.OriginateCall}`, { callback: (_e, msg) => this.answer((decodeJson(msg.data) as { data: OriginateCallV1 }).data) });
    return this;
  }

  get db(): DataSource {
    return this.replicas[0]!.get(DataSource);
  }

  private stopped = false;

  async stop(): Promise<void> {
    this.stopped = true;
    for (const r of this.replicas) await r.close();
    await this.nc?.close();
    await dropSchema(testEnv.databaseUrl, this.schema);
    await deleteTestStreams([streamName('Events', this.prefix), streamName('DeadLetters', this.prefix)]);
  }

  async publish(orgid: string, type: string, data: object, time = new Date()): Promise<void> {
    const env = makeEnvelope({ type, source: 'santral/test', data, orgid, subject: orgid, time });
    await jetstream(this.nc).publish(`${this.prefix}.${type}`, JSON.stringify(env), { msgID: env.id });
  }

  /** The fact telephony would publish about a call. */
  fact(cmd: Pick<OriginateCallV1, 'organizationId' | 'callId' | 'providerAccountId'>) {
    return { organizationId: cmd.organizationId, callId: cmd.callId, providerAccountId: cmd.providerAccountId, provider: 'simulator', providerCallId: `sim-${cmd.callId}` };
  }

  ended(cmd: Pick<OriginateCallV1, 'organizationId' | 'callId' | 'providerAccountId'>) {
    return {
      ...this.fact(cmd), direction: 'outbound', talkSeconds: 12, waitSeconds: 3, totalSeconds: 15, forwardedSeconds: 0,
      endReason: { status: 'ended', reason: 'completed', fault: 'none', billable: true }, isLost: false, tags: [],
    };
  }

  private answer(cmd: OriginateCallV1): void {
    this.originates.push(cmd);
    const mode = this.telephony.get(cmd.organizationId) ?? 'completes';
    if (mode === 'silent') return;
    // A call still playing when the rig stops has nobody to tell (its connection is closed).
    void this.play(cmd, mode).catch((err: unknown) => {
      if (!this.stopped) throw err;
    });
  }

  /**
   * The facts in the order a provider sends them, each one after the one before it was applied:
   * the dialer reads each fact kind on its own consumer, so facts 25 ms apart may be applied in
   * any order on a loaded machine (tests of out-of-order facts publish them by hand).
   */
  private async play(cmd: OriginateCallV1, mode: string): Promise<void> {
    const org = cmd.organizationId;
    await this.publish(org, Subjects.Telephony.CallRinging, this.fact(cmd));
    if (mode === 'rings_forever') return;
    await this.reached(cmd.callId, ['ringing', 'in_progress']);
    await this.publish(org, Subjects.Telephony.CallAnswered, { ...this.fact(cmd), answeredBy: 'human' });
    if (mode === 'talks_forever') return;
    await this.reached(cmd.callId, ['in_progress']);
    await this.publish(org, Subjects.Telephony.CallEnded, this.ended(cmd));
  }

  /** Resolves once the call is in one of `states` (or after 5 s: the test then sees what happened). */
  private async reached(callId: string, states: string[]): Promise<void> {
    const until = Date.now() + 5_000;
    while (Date.now() < until) {
      const rows: Array<{ state: string }> = await this.db.query('SELECT state FROM calls WHERE call_id = $1', [callId]).catch(() => []);
      if (rows.length && states.includes(rows[0].state)) return;
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /**
   * An organization (`limits` over the defaults: 3 slots, 1000 calls per hour) with a caller number,
   * and an active campaign whose plan is `plan` over defaults (all-day windows, one attempt).
   */
  async organizationWithCampaign(limits: object = {}, plan: object = {}): Promise<{ org: string; campaign: string; account: string; from: string }> {
    const org = randomUUID();
    const campaign = randomUUID();
    const account = randomUUID();
    const from = `+90212${String(Math.floor(1_000_000 + Math.random() * 8_999_999))}`;
    await this.publish(org, Subjects.Gateway.OrganizationCreated, {
      organizationId: org, name: 'Org', plan: 'free', limits: { concurrentSlots: 3, callsPerHour: 1000, minCreditsToStart: 10, ...limits }, defaultCountry: 'TR', timeZone: 'Europe/Istanbul',
    });
    await waitFor(() => this.rpc.request(Rpc.Dialer.HotlineCreate, { organizationId: org, number: from, label: 'Line' }).then(() => true, () => false), 10_000, 'hotline');
    await this.startCampaign(org, campaign, { providerAccountId: account, fromNumber: from, ...plan });
    return { org, campaign, account, from };
  }

  async startCampaign(org: string, campaign: string, plan: object): Promise<void> {
    await this.publish(org, Subjects.Campaign.CampaignStarted, {
      organizationId: org, campaignId: campaign, name: 'Campaign', totalContacts: 10,
      dialPlan: {
        agentId: randomUUID(), startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2030-01-01T00:00:00.000Z', callingWindows: [{ start: '00:00', end: '23:59' }],
        retryPolicy: { maxAttemptsPerContact: 1, rules: [] }, ringTimeoutSeconds: 30, ...plan,
      },
    });
  }

  /** `n` contacts (numbers from `base`), in a zone where it is midday unless told. */
  async request(org: string, campaign: string, numbers: string[], timeZone = zoneAt(12)): Promise<void> {
    const contacts = numbers.map((to) => ({ contactId: randomUUID(), to, timeZone, timeZoneSource: 'given' }));
    await this.publish(org, Subjects.Campaign.CallRequested, { organizationId: org, campaignId: campaign, batchId: randomUUID(), contacts });
  }

  mine(org: string, type: string): DialerEvent[] {
    return this.events.filter((e) => e.orgid === org && e.type === type);
  }

  async tasksOf(org: string): Promise<Array<{ id: string; to_number: string; state: string; outcome: string | null; outcome_reason: string | null; not_before: Date; attempt: number }>> {
    return this.db.query(`SELECT id, to_number, state, outcome, outcome_reason, not_before, attempt FROM call_tasks WHERE organization_id = $1 ORDER BY to_number, id`, [org]);
  }
}

export function numbers(base: number, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `+90555${String(base + i).padStart(7, '0')}`);
}
