import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { CallRepository } from './call.repository';
import { WatchdogEnding } from './watchdog-ending';

/**
 * Maximum-duration watchdog (E3, E8): a call not ended past its plan's maximum length (else
 * MAX_CALL_SECONDS_DEFAULT) — a conversation nobody hung up, a stale call holding an operator — is
 * ended as `stuck_watchdog` and hung up at the provider. Exactly once.
 */
@Injectable()
export class ExpireOverlongCallsUseCase {
  private readonly logger = new Logger(ExpireOverlongCallsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly calls: CallRepository,
    private readonly ending: WatchdogEnding,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'MAX_CALL_SECONDS_DEFAULT'>,
  ) {}

  /** Returns how many calls it ended. */
  async execute(limit = 200): Promise<number> {
    const overdue = await this.calls.overdueAcrossOrganizations('max_duration', this.config.MAX_CALL_SECONDS_DEFAULT * 1000, limit);
    let closed = 0;
    for (const call of overdue) {
      if (await this.tx.run((tx) => this.ending.endAndHangUp(tx, call.organizationId, call.callId, 'stuck_watchdog', 'watchdog:max_duration'))) closed++;
    }
    if (closed) this.logger.warn(`watchdog ended ${closed} call(s) past their maximum length`);
    return closed;
  }
}
