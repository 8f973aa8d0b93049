import { Injectable, Logger } from '@nestjs/common';
import { endReasonFor } from '@santral/call-state';
import { Subjects, type CallEndReasonV1 } from '@santral/contracts';
import { EventPublisher } from '@santral/messaging';
import { TransactionRunner } from '@santral/persistence';
import { CallRepository } from './call.repository';
import { ApplyCallEndedUseCase } from './apply-call-ended.use-case';

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
    private readonly ended: ApplyCallEndedUseCase,
    private readonly publisher: EventPublisher,
  ) {}

  /** Returns how many calls it ended. */
  async execute(limit = 200): Promise<number> {
    const silent = await this.calls.silentAcrossOrganizations(limit);
    let closed = 0;
    for (const call of silent) {
      const done = await this.tx.run(async (tx) => {
        const r = endReasonFor('stuck_watchdog');
        const endReason: CallEndReasonV1 = { status: r.status, reason: 'stuck_watchdog', fault: r.fault, billable: r.billable };
        if (!(await this.ended.end(tx, call.organizationId, call.callId, endReason, 'watchdog:lease_expired'))) return false;
        await this.publisher.publish(
          Subjects.Telephony.HangupCall,
          { organizationId: call.organizationId, callId: call.callId, reason: 'stuck_watchdog' },
          { orgid: call.organizationId, subject: call.callId, manager: tx },
        );
        return true;
      });
      if (done) closed++;
    }
    if (closed) this.logger.warn(`watchdog ended ${closed} silent call(s)`);
    return closed;
  }
}
