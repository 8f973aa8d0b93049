import { Injectable } from '@nestjs/common';
import { asOrgId, type Tx } from '@santral/persistence';
import { ProgressPort } from './campaigns.port';

/** dialer.call.ended.v1 (talk time) and billing.credits.settled.v1 (cost) of a campaign's calls; each kept once by its id. */
@Injectable()
export class RecordCallCostUseCase {
  constructor(private readonly progress: ProgressPort) {}

  async execute(input: { organizationId: string; campaignId: string } & ({ kind: 'ended'; callId: string; talkSeconds: number; answered: boolean } | { kind: 'settled'; reservationId: string; amount: number }), tx: Tx): Promise<void> {
    const orgId = asOrgId(input.organizationId);
    const campaignId = input.campaignId.toLowerCase();
    if (input.kind === 'ended') await this.progress.recordCall(orgId, campaignId, input.callId, input.talkSeconds, input.answered, tx);
    else await this.progress.recordCharge(orgId, campaignId, input.reservationId, input.amount, tx);
  }
}
