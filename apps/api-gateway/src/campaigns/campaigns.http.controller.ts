import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import {
  CampaignActionDto,
  CampaignContactPageDto,
  CampaignContactsQueryDto,
  CampaignDiagnosticsDto,
  CampaignDto,
  CampaignPageDto,
  CampaignProgressDto,
  CreateCampaignDto,
  StartCampaignDto,
  UpdateCampaignDto,
} from './campaign.dto';

const START_ERRORS =
  'Start checks, in order (D3): 422 CAMPAIGN_AGENT_MISSING, AGENT_INACTIVE, AGENT_INCOMPLETE (`missingFields`), CAMPAIGN_UNKNOWN_VARIABLE (`variables`), ' +
  'CAMPAIGN_LIST_EMPTY, CAMPAIGN_SCHEDULE_OVER, then 402 INSUFFICIENT_CREDITS; 409 CAMPAIGN_INVALID_STATE when the campaign cannot start from its state.';

/** Campaigns live in the campaign service (D1–D6); managing them is for admins and supervisors. Every route may also answer 503 / 504. */
@ApiTags('campaigns')
@Controller('v1/campaigns')
@ApiProblems(503, 504)
export class CampaignsHttpController {
  constructor(private readonly campaign: ServiceRpc) {}

  @Post()
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({ operationId: 'createCampaign', summary: 'Create a draft campaign', description: 'Agent and call list must be the organization\'s (404 CAMPAIGN_AGENT_NOT_FOUND / CAMPAIGN_CALL_LIST_NOT_FOUND); windows, retry matrix and dates are checked with named field errors (422).' })
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateCampaignDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CampaignDto> {
    return this.campaign.request(Rpc.Campaign.CampaignCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listCampaigns', summary: "The organization's campaigns, newest first" })
  @ApiOkResponse({ type: CampaignPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<CampaignPageDto> {
    const page = await this.campaign.request(Rpc.Campaign.CampaignList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getCampaign', summary: 'One campaign with its state and pause reason' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignDto> {
    return this.campaign.request(Rpc.Campaign.CampaignGet, { organizationId: orgId, campaignId: params.id });
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({ operationId: 'updateCampaign', summary: 'Edit a campaign, also while active', description: 'Schedule, windows and caps edited while active apply at the dialer\'s next dispatch. 409 CAMPAIGN_NOT_EDITABLE once completed or cancelled, or for a new agent / call list after the first start.' })
  @ApiOkResponse({ type: CampaignDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateCampaignDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CampaignDto> {
    return this.campaign.request(Rpc.Campaign.CampaignUpdate, { ...body, organizationId: orgId, campaignId: params.id, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Post(':id/start')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'startCampaign', summary: 'Start a campaign, or start a paused one again', description: START_ERRORS })
  @ApiOkResponse({ type: CampaignActionDto })
  @ApiBodyProblems()
  @ApiProblems(402, 404, 409)
  start(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: StartCampaignDto): Promise<CampaignActionDto> {
    return this.campaign.request(Rpc.Campaign.CampaignStart, { organizationId: orgId, campaignId: params.id, ...(body?.sampleSize !== undefined ? { sampleSize: body.sampleSize } : {}) });
  }

  @Post(':id/pause')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'pauseCampaign', summary: 'Pause an active campaign (reason manual); calls in flight finish' })
  @ApiOkResponse({ type: CampaignActionDto })
  @ApiProblems(404, 409, 422, 500)
  pause(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignActionDto> {
    return this.campaign.request(Rpc.Campaign.CampaignPause, { organizationId: orgId, campaignId: params.id });
  }

  @Post(':id/resume')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'resumeCampaign', summary: 'Resume a paused campaign (the start checks run again)', description: START_ERRORS })
  @ApiOkResponse({ type: CampaignActionDto })
  @ApiProblems(402, 404, 409, 422, 500)
  resume(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignActionDto> {
    return this.campaign.request(Rpc.Campaign.CampaignResume, { organizationId: orgId, campaignId: params.id });
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'cancelCampaign', summary: 'Cancel a campaign: calls not yet dialled are dropped; final' })
  @ApiOkResponse({ type: CampaignActionDto })
  @ApiProblems(404, 409, 422, 500)
  cancel(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignActionDto> {
    return this.campaign.request(Rpc.Campaign.CampaignCancel, { organizationId: orgId, campaignId: params.id });
  }

  @Get(':id/progress')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getCampaignProgress', summary: 'Totals per contact state, success rate, average talk time, cost so far (D4)' })
  @ApiOkResponse({ type: CampaignProgressDto })
  @ApiProblems(404, 422, 500)
  progress(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignProgressDto> {
    return this.campaign.request(Rpc.Campaign.CampaignProgress, { organizationId: orgId, campaignId: params.id });
  }

  @Get(':id/contacts')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listCampaignContacts', summary: 'Per-contact progress, in contact order (D4)' })
  @ApiOkResponse({ type: CampaignContactPageDto })
  @ApiProblems(400, 404, 422, 500)
  async contacts(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Query() query: CampaignContactsQueryDto): Promise<CampaignContactPageDto> {
    const page = await this.campaign.request(Rpc.Campaign.CampaignContacts, { organizationId: orgId, campaignId: params.id, limit: query.limit ?? DEFAULT_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}), ...(query.state ? { state: query.state } : {}) });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get(':id/diagnostics')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getCampaignDiagnostics', summary: 'Why the campaign dials nothing (or little), in plain sentences (D5)' })
  @ApiOkResponse({ type: CampaignDiagnosticsDto })
  @ApiProblems(404, 422, 500)
  diagnostics(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CampaignDiagnosticsDto> {
    return this.campaign.request(Rpc.Campaign.CampaignDiagnostics, { organizationId: orgId, campaignId: params.id });
  }
}
