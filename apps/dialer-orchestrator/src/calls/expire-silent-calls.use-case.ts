import { Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@santral/persistence';
import { CallRepository } from './call.repository';
import { WatchdogEnding } from './watchdog-ending';

/**
 * The watchdog (issue 10 item 6, invariant 3): a call whose slot lease ran out — no telephony fact
 * extended it, every event about it lost, or the replica that dialled it died — is ended as
 * `stuck_watchdog`, hung up at the provider (in case it is still up), its task settled (the retry
 * matrix decides) and its slot freed. Exactly once: `end` only acts on a call not yet ended.
 */
@Injectable()
export class ExpireSilentCallsUseCase {
  private readonly logger = new Logger(ExpireSilentCallsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly calls: CallRepository,
    private readonly ending: WatchdogEnding,
  ) {}

  /** Returns how many calls it ended. */
  async execute(limit = 200): Promise<number> {
    const silent = await this.calls.silentAcrossOrganizations(limit);
    let closed = 0;
    for (const call of silent) {
      if (await this.tx.run((tx) => this.ending.endAndHangUp(tx, call.organizationId, call.callId, 'stuck_watchdog', 'watchdog:lease_expired'))) closed++;
    }
    if (closed) this.logger.warn(`watchdog ended ${closed} silent call(s)`);
    return closed;
  }
}
