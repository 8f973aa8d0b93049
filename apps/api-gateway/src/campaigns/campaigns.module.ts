import { Module } from '@nestjs/common';
import { ServiceRpc } from '../common/service-rpc';
import { CampaignsHttpController } from './campaigns.http.controller';

/** /v1/campaigns: the HTTP face of the campaign service's campaigns; the controller only forwards. */
@Module({ controllers: [CampaignsHttpController], providers: [ServiceRpc] })
export class CampaignsModule {}
