import { Injectable } from '@nestjs/common';
import type { CallDraftReply, CallDraftSaveRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { callTheOperatorIsOn } from './call-guard';
import { CallTracksPort, TicketsPort } from './tickets.port';

/**
 * What the operator typed on a call before making a ticket (J3): when the call ends without one,
 * its ticket is made from this subject and summary. Replaces the operator's earlier draft.
 */
@Injectable()
export class SaveCallDraftUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly tracks: CallTracksPort,
    private readonly tickets: TicketsPort,
    private readonly clock: Clock,
  ) {}

  async execute(input: CallDraftSaveRequest): Promise<CallDraftReply> {
    const orgId = asOrgId(input.organizationId);
    const user = input.operatorUserId;
    const draft = { ...(input.subject?.trim() ? { subject: input.subject.trim() } : {}), ...(input.summary?.trim() ? { summary: input.summary.trim() } : {}) };
    return this.tx.run(async (tx) => {
      const track = await callTheOperatorIsOn(this.tracks, this.tickets, orgId, input.callId, user, tx);
      await this.tracks.save(orgId, input.callId, { ...track, drafts: { ...track.drafts, [user]: draft } }, this.clock.now(), tx);
      return { callId: input.callId, operatorUserId: user, ...draft };
    });
  }
}
