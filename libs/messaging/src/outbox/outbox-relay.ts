import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { holdClient, pgPoolOf } from '@santral/persistence';
import { OutboxRelayOptions } from '../events/event-bus.options';
import { Signal, sleep } from '../util/signal';
import { JetStreamBatchPublisher } from './jetstream-batch-publisher';
import { OUTBOX_NOTIFY_CHANNEL } from './messaging-tables.migration';
import { PgNotifyListener, pgClientConfig } from './pg-notify-listener';

interface OutboxRow {
  seq: string;
  id: string;
  subject: string;
  body: string;
}

const encoder = new TextEncoder();

/** Rows a fast pass looks back below the highest seq this relay claimed (see `claimFrom`). */
const LOOKBACK = 1000;
/** A pass reads the whole outbox at least this often, so a late commit waits at most this long. */
const FULL_SCAN_EVERY_MS = 1000;

const CLAIM = `SELECT seq FROM outbox WHERE sent_at IS NULL AND seq >= $2 ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`;
/** Named prepared statements: each connection parses and plans them once, not once a pass. */
const DELETE_CLAIMED = {
  name: 'santral_outbox_claim_delete_v1',
  text: `DELETE FROM outbox WHERE seq IN (${CLAIM}) RETURNING seq, id, subject, envelope::text AS body`,
};
const MARK_CLAIMED = {
  name: 'santral_outbox_claim_mark_v1',
  text: `UPDATE outbox SET sent_at = now() WHERE seq IN (${CLAIM}) RETURNING seq, id, subject, envelope::text AS body`,
};

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id = event id`.
 *
 * One pass is one transaction: claim and mark up to `batchSize` unsent rows in one
 * statement (`FOR UPDATE SKIP LOCKED`, so passes of several relays and replicas never
 * share a row), publish them, commit only if the stream acknowledged every one, else
 * roll back so they are sent again. A crash between publish and commit re-publishes: the
 * duplicate window drops it, past the window the consumers' inbox does. For the same reason
 * the pass commits with `synchronous_commit = off` (SET LOCAL: the pooled connection goes
 * back unchanged): losing a "sent" mark only means sending again.
 *
 * Where a pass reads from: sent rows stay in the unsent index as dead entries until vacuum
 * (tens of thousands at a few thousand events a second), and a scan from the start walks
 * them all, every pass. So a pass reads from just below the highest seq this relay claimed;
 * once a second, and after any failed pass, it reads from the start. A transaction that took
 * its seq early and committed late is therefore picked up within a second, never skipped.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly wake = new Signal();
  private readonly listener: PgNotifyListener;
  private stopped = true;
  private loops: Array<Promise<void>> = [];
  private readonly batchSize: number;
  private readonly lingerMs: number;
  private lastPassAt = -Infinity;
  private lastPassFull = false;
  private highestClaimed = 0;
  private lastFullScanAt = -Infinity;
  private readonly publisher: JetStreamBatchPublisher;

  constructor(
    private readonly dataSource: DataSource,
    nc: NatsConnection,
    private readonly schema: string,
    private readonly opts: OutboxRelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
    this.lingerMs = opts.lingerMs ?? 5;
    this.publisher = new JetStreamBatchPublisher(nc);
    this.listener = new PgNotifyListener(
      pgClientConfig(dataSource),
      OUTBOX_NOTIFY_CHANNEL,
      (payload) => (payload === undefined || payload === schema ? this.wake.notify() : undefined),
      (err) => this.logger.warn(`outbox LISTEN connection: ${err.message}`),
    );
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    await this.listener.start();
    // Several passes in flight: one claims while another waits for stream acks.
    this.loops = Array.from({ length: this.opts.concurrency ?? 2 }, () => this.run());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.notifyAll();
    await Promise.all(this.loops);
    await this.listener.stop();
    this.publisher.close();
  }

  /** Wakes the relay now (tests, or after a known insert). */
  poke(): void {
    this.wake.notify();
  }

  private async run(): Promise<void> {
    let client: PoolClient | undefined;
    let detach = () => {};
    while (!this.stopped) {
      let claimed = 0;
      try {
        if (!client) {
          client = await this.pool().connect();
          // Held between passes: a connection Postgres closes meanwhile (a restart) is reported here
          // and its next pass fails and reconnects, instead of an unhandled 'error' ending the process.
          detach = holdClient(client, (err) => this.logger.warn(`outbox relay connection lost: ${err.message}`));
        }
        await this.lingerAfterPreviousPass();
        if (this.stopped) break;
        claimed = await this.pass(client);
        this.lastPassFull = claimed >= this.batchSize;
      } catch (err) {
        detach();
        client?.release(err as Error);
        client = undefined;
        if (!this.dataSource.isInitialized) {
          // Closed under the relay (shutdown without stop()): retrying can never succeed.
          this.logger.warn('outbox relay stops: its data source was closed');
          break;
        }
        this.logger.warn(`outbox relay pass failed, retrying: ${(err as Error).message}`);
        await sleep(this.opts.retryDelayMs ?? 500);
        continue;
      }
      if (claimed < this.batchSize && !this.stopped) await this.wake.wait(this.opts.pollIntervalMs ?? 1000);
    }
    detach();
    client?.release();
  }

  /**
   * Under load every commit of an outbox row wakes the relay, and a pass per wake-up carries
   * a few rows while its transaction costs Postgres as much as one carrying hundreds. So a
   * pass starts no sooner than `lingerMs` after this relay's previous one (unless that one was
   * full: a backlog drains at full speed); an idle relay starts at once.
   */
  private async lingerAfterPreviousPass(): Promise<void> {
    const now = performance.now();
    const due = this.lastPassFull ? now : this.lastPassAt + this.lingerMs;
    this.lastPassAt = Math.max(now, due);
    if (due > now) await sleep(due - now);
  }

  /** What the outbox holds unsent (the santral_outbox_* gauges, at scrape time). */
  async backlog(): Promise<{ pending: number; oldestSeconds: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS pending, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS "oldestSeconds" FROM outbox WHERE sent_at IS NULL`,
    );
    return { pending: Number(row.pending), oldestSeconds: Number(row.oldestSeconds) };
  }

  /** The data source's pg pool: the relay names its statements, which TypeORM's `query` cannot. */
  private pool(): Pool {
    const pool = pgPoolOf(this.dataSource);
    if (!pool) throw new Error('the outbox relay needs an initialized Postgres data source');
    return pool;
  }

  /** One claim → publish → commit pass on its own connection; returns how many rows it claimed. */
  async relayOnce(): Promise<number> {
    const client = await this.pool().connect();
    try {
      return await this.pass(client);
    } finally {
      client.release();
    }
  }

  /** The seq a pass claims from: just below the highest claimed, or 0 for a full scan. */
  private claimFrom(): number {
    const now = performance.now();
    if (now - this.lastFullScanAt < FULL_SCAN_EVERY_MS) return Math.max(0, this.highestClaimed - LOOKBACK);
    this.lastFullScanAt = now;
    return 0;
  }

  private async pass(client: PoolClient): Promise<number> {
    await client.query('BEGIN; SET LOCAL synchronous_commit = off');
    try {
      const statement = this.opts.retainSentMs === 0 ? DELETE_CLAIMED : MARK_CLAIMED;
      const { rows } = await client.query<OutboxRow>({ ...statement, values: [this.batchSize, this.claimFrom()] });
      if (rows.length) await this.publish(rows);
      await client.query('COMMIT');
      for (const r of rows) this.highestClaimed = Math.max(this.highestClaimed, Number(r.seq));
      if (rows.length) this.opts.onPublished?.(rows.map((r) => r.subject));
      return rows.length;
    } catch (err) {
      this.lastFullScanAt = -Infinity; // what this pass claimed is unsent again: the next pass reads from the start
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const messages = rows.map((r) => ({ subject: r.subject, data: encoder.encode(r.body), msgId: r.id }));
    await this.publisher.publishAll(messages, this.opts.publishTimeoutMs ?? 5000);
    await this.opts.afterPublish?.(rows.map((r) => r.id));
  }
}
