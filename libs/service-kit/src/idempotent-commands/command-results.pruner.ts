import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { deleteInChunks } from '@santral/persistence';

/** Answers are kept a week: longer than any gateway's Idempotency-Key (24 h by default) can replay. */
export const COMMAND_RESULTS_RETENTION_DAYS = 7;
const CHUNK = 5000;

/** Deletes old `command_results` rows once an hour, a chunk a statement (every organization: one retention). */
@Injectable()
export class CommandResultsPruner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CommandResultsPruner.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune().catch((e: Error) => this.logger.warn(`pruning command results failed: ${e.message}`)), 3_600_000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns how many rows it deleted. */
  prune(retentionDays = COMMAND_RESULTS_RETENTION_DAYS): Promise<number> {
    return deleteInChunks(
      this.dataSource,
      `DELETE FROM command_results WHERE ctid = ANY (ARRAY(
         SELECT ctid FROM command_results WHERE created_at < now() - make_interval(days => $1) LIMIT $2 FOR UPDATE SKIP LOCKED))`,
      [retentionDays, CHUNK],
      CHUNK,
    );
  }
}
