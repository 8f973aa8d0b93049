import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionRunner } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { CallRepository } from './call.repository';
import { WatchdogEnding } from './watchdog-ending';

/**
 * Ring-timeout watchdog (E3): a call still dialling or ringing RING_TIMEOUT_GRACE_MS past its ring
 * timeout (the provider should have given up by then) ends as `no_answer` and is hung up; the retry
 * matrix decides about its task. Exactly once, however many sweeps or late facts follow.
 */
@Injectable()
export class ExpireUnansweredCallsUseCase {
  private readonly logger = new Logger(ExpireUnansweredCallsUseCase.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly calls: CallRepository,
    private readonly ending: WatchdogEnding,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'RING_TIMEOUT_GRACE_MS'>,
  ) {}

  /** Returns how many calls it ended. */
  async execute(limit = 200): Promise<number> {
    const overdue = await this.calls.overdueAcrossOrganizations('ring_timeout', this.config.RING_TIMEOUT_GRACE_MS, limit);
    let closed = 0;
    for (const call of overdue) {
      if (await this.tx.run((tx) => this.ending.endAndHangUp(tx, call.organizationId, call.callId, 'no_answer', 'watchdog:ring_timeout'))) closed++;
    }
    if (closed) this.logger.warn(`watchdog ended ${closed} call(s) past their ring timeout`);
    return closed;
  }
}
