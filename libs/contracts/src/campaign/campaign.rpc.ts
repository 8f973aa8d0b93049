import { IsIn, IsOptional } from 'class-validator';
import { IsEntityId, IsIntBetween } from '../validation/decorators';
import { CAMPAIGN_STATES, type CampaignState } from '../vocabulary';

/** Request and reply bodies of rpc.campaign.*. */

/** rpc.campaign.campaign.pause | resume | cancel */
export class CampaignActionRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  campaignId: string;

  @IsOptional()
  @IsEntityId()
  actorUserId?: string;
}

/** rpc.campaign.campaign.start — runs the D3 checks; `sampleSize` starts small (D6). */
export class CampaignStartRequest extends CampaignActionRequest {
  @IsOptional()
  @IsIntBetween(1, 10_000_000)
  sampleSize?: number;
}

export class CampaignActionReply {
  @IsEntityId()
  campaignId: string;

  @IsIn(CAMPAIGN_STATES)
  state: CampaignState;
}
