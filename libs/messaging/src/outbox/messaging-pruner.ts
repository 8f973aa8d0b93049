import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInChunks } from '@santral/persistence';

export interface PruneOptions {
  retainSentMs: number;
  inboxRetentionMs: number;
  intervalMs: number;
}

const CHUNK = 10_000;

/** Deletes sent outbox rows and old inbox rows in small chunks, so it never holds long locks. */
export class MessagingPruner {
  private readonly logger = new Logger('MessagingPruner');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly opts: PruneOptions,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.pruneOnce().catch((err: Error) => this.logger.warn(`prune failed: ${err.message}`)).then(() => (this.running = undefined));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async pruneOnce(): Promise<{ outbox: number; inbox: number }> {
    const outbox = await this.deleteChunks(
      `DELETE FROM outbox WHERE seq IN (
         SELECT seq FROM outbox WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(secs => $1) LIMIT ${CHUNK})`,
      this.opts.retainSentMs / 1000,
    );
    const inbox = await this.deleteChunks(
      `DELETE FROM inbox WHERE ctid IN (
         SELECT ctid FROM inbox WHERE processed_at < now() - make_interval(secs => $1) LIMIT ${CHUNK})`,
      this.opts.inboxRetentionMs / 1000,
    );
    return { outbox, inbox };
  }

  private deleteChunks(sql: string, seconds: number): Promise<number> {
    return deleteInChunks(this.dataSource, sql, [seconds], CHUNK);
  }
}
