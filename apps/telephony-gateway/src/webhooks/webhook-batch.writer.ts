import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import type { DataSource } from 'typeorm';
import { sourceOf, withPrefix } from '@santral/contracts';
import { pgPoolOf } from '@santral/persistence';
import { buildEnvelope, type PublishInput } from '@santral/messaging';
import type { NormalizedFact, ParsedWebhook, ProviderAccountContext } from '../providers/provider.port';
import { toWireEndReason } from '../shared/end-reasons';
import { STATE_OF_FACT, STATE_RANK } from './call-lifecycle.sql';
import { toEvent } from './fact-events';
import { INGEST_BATCH_SQL } from './ingest-batch.sql';

/** Namespace for call ids derived from a provider call id (inbound, softphone, unknown calls). */
export const PROVIDER_CALL_NAMESPACE = '4f1c8a52-6a4e-4c36-9d0e-6f2b8f6a9e11';

export function derivedCallId(accountId: string, providerCallId: string): string {
  return uuidv5(`${accountId}:${providerCallId}`, PROVIDER_CALL_NAMESPACE);
}

/** Name of the prepared ingest statement (per connection; change it when INGEST_BATCH_SQL changes shape). */
const INGEST_BATCH_STATEMENT = 'telephony_ingest_batch_v3';

export interface IngestItem {
  account: ProviderAccountContext;
  event: string;
  parsed: ParsedWebhook;
  raw: string;
}

export type IngestOutcome = 'accepted' | 'duplicate';

interface CallRow {
  id: string; org: string; acc: string; provider: string; dir: string; state: string; pc: string;
  from: string | null; to: string | null; reason: object | null; keys: string[];
}

const SOURCE = sourceOf('telephony-gateway');

/** A fresh W3C trace context from the pooled UUID entropy (randomBytes per event is measurably slower). */
function traceparent(): string {
  const a = randomUUID().replace(/-/g, '');
  const b = randomUUID().replace(/-/g, '');
  return `00-${a}-${b.slice(0, 16)}-01`;
}

/**
 * Writes a batch of verified webhooks (group commit) in one statement: receipts with their
 * dedupe keys, provider refs, call life-cycle rows and the normalized facts into the outbox.
 * A replay finds its receipt and changes nothing; a call ends once.
 */
export class WebhookBatchWriter {
  private readonly logger = new Logger(WebhookBatchWriter.name);

  constructor(
    private readonly dataSource: DataSource,
    /** Test isolation: the outbox row's NATS subject is `<prefix>.<type>`; the envelope keeps the plain type. */
    private readonly subjectPrefix: string | undefined,
    private readonly answeredDeadlineSeconds: number,
    /** WEBHOOK_RETENTION_DAYS: how long receipts (the dedupe memory) are kept. */
    private readonly retentionDays: number,
  ) {}

  async write(items: IngestItem[]): Promise<IngestOutcome[]> {
    const keyOf = (i: IngestItem) => `${i.account.id}|${i.parsed.dedupeKey}`;
    const firstByKey = new Map<string, IngestItem>();
    for (const i of items) if (!firstByKey.has(keyOf(i))) firstByKey.set(keyOf(i), i);
    const unique = [...firstByKey.values()];
    const callIds = await this.resolveCallIds(unique);
    const params = this.params(unique, callIds);
    const rows = await this.runIngest(params);
    for (const r of rows) if (r.detached) this.logger.warn(`webhook ${r.k} names a call of another organization: stored, not attached to it`);
    const fresh = new Set(rows.map((r) => r.k));
    return items.map((i) => (firstByKey.get(keyOf(i)) === i && fresh.delete(keyOf(i)) ? 'accepted' : 'duplicate'));
  }

  /**
   * The batch statement has one text whatever the batch size (rows travel as JSON parameters),
   * so it runs as a named prepared statement: each pooled connection parses and plans it once
   * instead of once per batch. Straight through the driver's pg pool (TypeORM's `query` has no
   * way to name a statement); the pool's connections carry the service's search_path.
   */
  private async runIngest(params: unknown[]): Promise<Array<{ k: string; detached: boolean }>> {
    const pool = pgPoolOf(this.dataSource);
    if (!pool) return this.dataSource.query(INGEST_BATCH_SQL, params);
    const result = await pool.query<{ k: string; detached: boolean }>({ name: INGEST_BATCH_STATEMENT, text: INGEST_BATCH_SQL, values: params });
    return result.rows;
  }

  /** Our id when the webhook echoes it, else the stored ref, else one derived from the provider id. */
  private async resolveCallIds(items: IngestItem[]): Promise<string[]> {
    const unknown = items.filter((i) => !i.parsed.callId);
    const known: Array<{ a: string; ref: string; call_id: string }> = unknown.length
      ? await this.dataSource.query(
          `SELECT r.provider_account_id AS a, r.provider_ref AS ref, r.call_id FROM provider_call_refs r
             JOIN unnest($1::uuid[], $2::text[]) AS k(a, ref) ON r.provider_account_id = k.a AND r.provider_ref = k.ref`,
          [unknown.map((i) => i.account.id), unknown.map((i) => i.parsed.providerCallId)],
        )
      : [];
    const byRef = new Map(known.map((k) => [`${k.a}|${k.ref}`, k.call_id]));
    return items.map((i) => i.parsed.callId ?? byRef.get(`${i.account.id}|${i.parsed.providerCallId}`) ?? derivedCallId(i.account.id, i.parsed.providerCallId));
  }

  private params(items: IngestItem[], callIds: string[]): unknown[] {
    const rec: object[] = [];
    const refs: object[] = [];
    const events: object[] = [];
    const calls = new Map<string, CallRow>();
    const endGated = new Set<string>();
    const touched: object[] = [];
    items.forEach((item, n) => {
      const { account, parsed } = item;
      const callId = callIds[n]!;
      const k = `${account.id}|${parsed.dedupeKey}`;
      rec.push({ a: account.id, k: parsed.dedupeKey, o: account.organizationId, e: item.event, p: item.raw });
      touched.push({ k, c: callId, o: account.organizationId });
      refs.push({ a: account.id, r: parsed.providerCallId, t: 'call', c: callId, o: account.organizationId, k });
      for (const leg of parsed.legIds) refs.push({ a: account.id, r: leg, t: 'leg', c: callId, o: account.organizationId, k });
      for (const fact of parsed.facts) {
        this.touchCall(calls, item, callId, k, fact);
        const event = toEvent({ account, callId, providerCallId: parsed.providerCallId, occurredAt: parsed.occurredAt, fact });
        if (!event) continue;
        const g = fact.kind === 'call_seen' ? 'first' : fact.kind !== 'ended' ? 'always' : endGated.has(callId) ? 'never' : 'end';
        if (fact.kind === 'ended') endGated.add(callId);
        const env = buildEnvelope({ ...(event as PublishInput), traceparent: (event as PublishInput).traceparent ?? traceparent() }, SOURCE);
        events.push({ id: env.id, s: withPrefix(this.subjectPrefix, env.type), env, k, c: callId, g });
      }
    });
    // One lock order for every batch (receipts, refs, calls by key), so concurrent batches do not deadlock.
    const byKey = (a: { a: string; k: string }, b: { a: string; k: string }) => (a.a === b.a ? (a.k < b.k ? -1 : 1) : a.a < b.a ? -1 : 1);
    (rec as Array<{ a: string; k: string }>).sort(byKey);
    (refs as Array<{ a: string; r: string }>).sort((x, y) => (x.a === y.a ? (x.r < y.r ? -1 : 1) : x.a < y.a ? -1 : 1));
    const rows = [...calls.values()].sort((a, b) => a.id.localeCompare(b.id));
    const callRows = rows.map((r) => ({ id: r.id, o: r.org, a: r.acc, p: r.provider, d: r.dir, s: r.state, pc: r.pc, fr: r.from, t: r.to, r: r.reason }));
    const callKeys = rows.flatMap((r) => r.keys.map((k) => ({ k, c: r.id })));
    return [JSON.stringify(rec), JSON.stringify(refs), JSON.stringify(callRows), JSON.stringify(events), randomUUID(), this.answeredDeadlineSeconds, JSON.stringify(callKeys),
      this.retentionDays, JSON.stringify(touched)];
  }

  /** Folds one fact into the call's row: first sight, furthest state, first end. */
  private touchCall(calls: Map<string, CallRow>, item: IngestItem, callId: string, k: string, fact: NormalizedFact): void {
    const state = fact.kind === 'call_seen' ? 'initiated' : fact.kind === 'ended' ? 'ended' : STATE_OF_FACT[fact.kind];
    if (!state) return;
    let row = calls.get(callId);
    if (!row) {
      row = { id: callId, org: item.account.organizationId, acc: item.account.id, provider: item.account.type, dir: 'outbound', state: 'initiated', pc: item.parsed.providerCallId, from: null, to: null, reason: null, keys: [] };
      calls.set(callId, row);
    }
    if (!row.keys.includes(k)) row.keys.push(k);
    if (fact.kind === 'call_seen') {
      row.dir = fact.direction;
      row.from = fact.rawFrom.slice(0, 100);
      row.to = fact.to.slice(0, 100);
    } else if (fact.kind === 'ended') {
      row.dir = fact.direction;
      row.reason ??= toWireEndReason(fact.endReason);
    } else if (STATE_RANK[state]! > STATE_RANK[row.state]!) {
      row.state = state;
    }
  }
}
