import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, SERVICE_CONFIG } from '@santral/service-kit';
import type { CampaignConfig } from '../config';
import { CampaignsPort, ReleaseTrigger } from './campaigns.port';
import { CompleteEndedCampaignUseCase } from './complete-ended-campaign.use-case';
import { ReleaseContactsUseCase } from './release-contacts.use-case';

/**
 * The campaign service's background job: requests the contacts of started campaigns chunk by chunk
 * (the cursor is on the campaign row, so a restart carries on where it stopped) and completes
 * campaigns past their end date. Runs every CAMPAIGN_JOB_INTERVAL_MS and at once when woken.
 */
@Injectable()
export class CampaignJob extends ReleaseTrigger implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CampaignJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly campaigns: CampaignsPort,
    private readonly release: ReleaseContactsUseCase,
    private readonly complete: CompleteEndedCampaignUseCase,
    private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: CampaignConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    if (this.config.CAMPAIGN_JOB_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => this.wake(), this.config.CAMPAIGN_JOB_INTERVAL_MS);
    this.timer.unref();
    this.wake();
  }

  wake(): void {
    if (this.stopped || this.config.CAMPAIGN_JOB_INTERVAL_MS === 0) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pass()
      .catch((e: Error) => this.logger.warn(`campaign job pass failed: ${e.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /** One pass: every releasing campaign to the end of its contacts, then the ended ones. */
  private async pass(): Promise<void> {
    for (const ref of await this.campaigns.pastTheirEnd(this.clock.now(), 100)) {
      if (this.stopped) return;
      await this.complete.execute(ref.organizationId, ref.campaignId);
    }
    for (const ref of await this.campaigns.releasing(20)) {
      while (!this.stopped && (await this.release.execute(ref.organizationId, ref.campaignId, this.config.CAMPAIGN_RELEASE_CHUNK))) {
        /* next chunk */
      }
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }
}
