import { Logger } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/nats-core';
import { DataSource, QueryRunner } from 'typeorm';
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

/**
 * Publishes committed outbox rows to JetStream with `Nats-Msg-Id = event id`.
 *
 * One pass is one transaction: claim and mark up to `batchSize` unsent rows in one
 * statement (`FOR UPDATE SKIP LOCKED`, so passes of several relays and replicas never
 * share a row), publish them, commit only if the stream acknowledged every one, else
 * roll back so they are sent again. Every pass reads all unsent rows, so a transaction
 * that commits late is picked up by the next pass, never skipped. A crash between
 * publish and commit re-publishes: the duplicate window drops it, past the window the
 * consumers' inbox does. For the same reason the pass commits with
 * `synchronous_commit = off`: losing a "sent" mark only means sending again.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private readonly wake = new Signal();
  private readonly listener: PgNotifyListener;
  private stopped = true;
  private loops: Array<Promise<void>> = [];
  private readonly batchSize: number;
  private readonly publisher: JetStreamBatchPublisher;

  constructor(
    private readonly dataSource: DataSource,
    nc: NatsConnection,
    private readonly schema: string,
    private readonly opts: OutboxRelayOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 500;
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
    let qr: QueryRunner | undefined;
    while (!this.stopped) {
      let claimed = 0;
      try {
        qr ??= await this.openConnection();
        claimed = await this.pass(qr);
      } catch (err) {
        this.logger.warn(`outbox relay pass failed, retrying: ${(err as Error).message}`);
        await qr?.release().catch(() => undefined);
        qr = undefined;
        await sleep(this.opts.retryDelayMs ?? 500);
        continue;
      }
      if (claimed < this.batchSize && !this.stopped) await this.wake.wait(this.opts.pollIntervalMs ?? 1000);
    }
    await qr?.release().catch(() => undefined);
  }

  private async openConnection(): Promise<QueryRunner> {
    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    await qr.query('SET synchronous_commit = off');
    return qr;
  }

  /** One claim → publish → commit pass on its own connection; returns how many rows it claimed. */
  async relayOnce(): Promise<number> {
    const qr = await this.openConnection();
    try {
      return await this.pass(qr);
    } finally {
      await qr.query('RESET synchronous_commit').catch(() => undefined);
      await qr.release();
    }
  }

  private async pass(qr: QueryRunner): Promise<number> {
    await qr.startTransaction();
    try {
      const claim = `SELECT seq FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`;
      const { records } = await qr.query(
        this.opts.retainSentMs === 0
          ? `DELETE FROM outbox WHERE seq IN (${claim}) RETURNING seq, id, subject, envelope::text AS body`
          : `UPDATE outbox SET sent_at = now() WHERE seq IN (${claim}) RETURNING seq, id, subject, envelope::text AS body`,
        [this.batchSize],
        true,
      );
      const rows = records as OutboxRow[];
      if (rows.length) await this.publish(rows);
      await qr.commitTransaction();
      return rows.length;
    } catch (err) {
      if (qr.isTransactionActive) await qr.rollbackTransaction().catch(() => undefined);
      throw err;
    }
  }

  private async publish(rows: OutboxRow[]): Promise<void> {
    const messages = rows.map((r) => ({ subject: r.subject, data: encoder.encode(r.body), msgId: r.id }));
    await this.publisher.publishAll(messages, this.opts.publishTimeoutMs ?? 5000);
    await this.opts.afterPublish?.(rows.map((r) => r.id));
  }
}
