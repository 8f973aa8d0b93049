import { Injectable } from '@nestjs/common';
import { asOrgId, type Tx } from '@santral/persistence';
import { CampaignCompletion } from './campaign-completion';
import { ProgressPort, type ContactFact } from './campaigns.port';
import { FINAL_RANK } from './progress-rules';

/**
 * A dialer fact about one contact of a campaign (dialling, answered, ended, retry scheduled,
 * finished) → its progress row, only when newer than what is stored (facts come duplicated and
 * out of order). A final outcome may complete the campaign.
 */
@Injectable()
export class RecordContactFactUseCase {
  constructor(
    private readonly progress: ProgressPort,
    private readonly completion: CampaignCompletion,
  ) {}

  async execute(organizationId: string, campaignId: string, fact: ContactFact, tx: Tx): Promise<boolean> {
    const orgId = asOrgId(organizationId);
    const changed = await this.progress.apply(orgId, campaignId.toLowerCase(), fact, tx);
    if (changed && fact.rank >= FINAL_RANK) await this.completion.settle(orgId, campaignId.toLowerCase(), tx);
    return changed;
  }
}
