import { Controller } from '@nestjs/common';
import {
  Subjects,
  type BalanceExhaustedV1,
  type CreditsSettledV1,
  type DialerCallAnsweredV1,
  type DialerCallDialingV1,
  type DialerCallEndedV1,
  type DialerTaskFinishedV1,
  type DialerTaskRetryScheduledV1,
} from '@santral/contracts';
import { OnEvent } from '@santral/messaging';
import type { Tx } from '@santral/persistence';
import { PauseForCreditsUseCase } from './pause-for-credits.use-case';
import { answeredRank, dialingRank, endedRank, FINAL_RANK, retryRank } from './progress-rules';
import { RecordCallCostUseCase } from './record-call-cost.use-case';
import { RecordContactFactUseCase } from './record-contact-fact.use-case';

/** Dialer and billing facts → campaign progress (D4) and the credit pause (H3); translation only. */
@Controller()
export class ProgressMessagesController {
  constructor(
    private readonly facts: RecordContactFactUseCase,
    private readonly costs: RecordCallCostUseCase,
    private readonly credits: PauseForCreditsUseCase,
  ) {}

  @OnEvent(Subjects.Dialer.CallDialing)
  async dialing(d: DialerCallDialingV1, _e: unknown, tx: Tx) {
    if (d.campaignId && d.contactId) await this.facts.execute(d.organizationId, d.campaignId, { contactId: d.contactId, state: 'in_progress', rank: dialingRank(d.attempt), attempts: d.attempt, callId: d.callId }, tx);
  }

  @OnEvent(Subjects.Dialer.CallAnswered)
  async answered(d: DialerCallAnsweredV1, _e: unknown, tx: Tx) {
    if (d.campaignId && d.contactId) await this.facts.execute(d.organizationId, d.campaignId, { contactId: d.contactId, state: 'in_progress', rank: answeredRank(d.attempt), attempts: d.attempt, callId: d.callId }, tx);
  }

  @OnEvent(Subjects.Dialer.CallEnded)
  async ended(d: DialerCallEndedV1, _e: unknown, tx: Tx) {
    if (!d.campaignId) return;
    await this.costs.execute({ kind: 'ended', organizationId: d.organizationId, campaignId: d.campaignId, callId: d.callId, talkSeconds: d.talkSeconds, answered: d.answeredAt !== undefined || d.talkSeconds > 0 }, tx);
    if (d.contactId) await this.facts.execute(d.organizationId, d.campaignId, { contactId: d.contactId, state: 'in_progress', rank: endedRank(d.attempt), attempts: d.attempt, callId: d.callId, endReason: d.endReason.reason }, tx);
  }

  @OnEvent(Subjects.Dialer.TaskRetryScheduled)
  async retry(d: DialerTaskRetryScheduledV1, _e: unknown, tx: Tx) {
    if (d.campaignId && d.contactId) await this.facts.execute(d.organizationId, d.campaignId, { contactId: d.contactId, state: 'retry_scheduled', rank: retryRank(d.nextAttempt), attempts: d.nextAttempt - 1, callId: d.lastCallId }, tx);
  }

  @OnEvent(Subjects.Dialer.TaskFinished)
  async finished(d: DialerTaskFinishedV1, _e: unknown, tx: Tx) {
    if (d.campaignId && d.contactId) {
      await this.facts.execute(d.organizationId, d.campaignId, { contactId: d.contactId, state: d.outcome, rank: FINAL_RANK, attempts: d.attempts, ...(d.lastCallId ? { callId: d.lastCallId } : {}), ...(d.lastEndReason ? { endReason: d.lastEndReason } : {}) }, tx);
    }
  }

  @OnEvent(Subjects.Billing.CreditsSettled)
  async settled(d: CreditsSettledV1, _e: unknown, tx: Tx) {
    if (d.campaignId) await this.costs.execute({ kind: 'settled', organizationId: d.organizationId, campaignId: d.campaignId, reservationId: d.reservationId, amount: d.chargedAmount }, tx);
  }

  @OnEvent(Subjects.Billing.BalanceExhausted)
  async exhausted(d: BalanceExhaustedV1, _e: unknown, tx: Tx) {
    await this.credits.execute(d.organizationId, tx);
  }
}
