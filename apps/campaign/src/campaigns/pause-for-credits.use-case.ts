import { Injectable } from '@nestjs/common';
import type { Tx } from '@santral/persistence';
import { asOrgId } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { transition } from './campaign-transition';
import { CampaignEventsPort, CampaignsPort } from './campaigns.port';

/**
 * billing.balance.exhausted.v1 → every active campaign of the organization pauses with
 * `insufficient_credits` (H3); only a manual resume starts them again. A repeated event finds none active.
 */
@Injectable()
export class PauseForCreditsUseCase {
  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly events: CampaignEventsPort,
    private readonly clock: Clock,
  ) {}

  async execute(organizationId: string, tx: Tx): Promise<number> {
    const orgId = asOrgId(organizationId);
    const active = await this.campaigns.activeForUpdate(orgId, tx);
    for (const c of active) {
      const paused = transition(c, { type: 'credits_exhausted' }, this.clock.now());
      await this.campaigns.update(paused, tx);
      await this.events.paused(paused, undefined, tx);
    }
    return active.length;
  }
}
