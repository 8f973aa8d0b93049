import { Controller } from '@nestjs/common';
import {
  CampaignActionRequest,
  CampaignContactsRequest,
  CampaignCreateRequest,
  CampaignListRequest,
  CampaignRequest,
  CampaignStartRequest,
  CampaignUpdateRequest,
  Rpc,
} from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CancelCampaignUseCase } from './cancel-campaign.use-case';
import { CreateCampaignUseCase } from './create-campaign.use-case';
import { DiagnoseCampaignUseCase } from './diagnose-campaign.use-case';
import { GetCampaignProgressUseCase } from './get-campaign-progress.use-case';
import { GetCampaignUseCase } from './get-campaign.use-case';
import { ListCampaignContactsUseCase } from './list-campaign-contacts.use-case';
import { ListCampaignsUseCase } from './list-campaigns.use-case';
import { PauseCampaignUseCase } from './pause-campaign.use-case';
import { ResumeCampaignUseCase } from './resume-campaign.use-case';
import { StartCampaignUseCase } from './start-campaign.use-case';
import { UpdateCampaignUseCase } from './update-campaign.use-case';

/** NATS request/reply adapter for /v1/campaigns; payloads arrive validated against their contracts class. */
@Controller()
export class CampaignsMessagesController {
  constructor(
    private readonly createCampaign: CreateCampaignUseCase,
    private readonly updateCampaign: UpdateCampaignUseCase,
    private readonly getCampaign: GetCampaignUseCase,
    private readonly listCampaigns: ListCampaignsUseCase,
    private readonly startCampaign: StartCampaignUseCase,
    private readonly pauseCampaign: PauseCampaignUseCase,
    private readonly resumeCampaign: ResumeCampaignUseCase,
    private readonly cancelCampaign: CancelCampaignUseCase,
    private readonly getProgress: GetCampaignProgressUseCase,
    private readonly listContacts: ListCampaignContactsUseCase,
    private readonly diagnoseCampaign: DiagnoseCampaignUseCase,
  ) {}

  @RpcHandler(Rpc.Campaign.CampaignCreate)
  create(input: CampaignCreateRequest) {
    return this.createCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignUpdate)
  update(input: CampaignUpdateRequest) {
    return this.updateCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignGet)
  get(input: CampaignRequest) {
    return this.getCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignList)
  list(input: CampaignListRequest) {
    return this.listCampaigns.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignStart)
  start(input: CampaignStartRequest) {
    return this.startCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignPause)
  pause(input: CampaignActionRequest) {
    return this.pauseCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignResume)
  resume(input: CampaignActionRequest) {
    return this.resumeCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignCancel)
  cancel(input: CampaignActionRequest) {
    return this.cancelCampaign.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignProgress)
  progress(input: CampaignRequest) {
    return this.getProgress.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignContacts)
  contacts(input: CampaignContactsRequest) {
    return this.listContacts.execute(input);
  }

  @RpcHandler(Rpc.Campaign.CampaignDiagnostics)
  diagnostics(input: CampaignRequest) {
    return this.diagnoseCampaign.execute(input);
  }
}
