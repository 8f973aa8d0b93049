import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, type AgentReply } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { CallAcceptedDto } from '../calls/calls.dto';
import { AgentDto, AgentPageDto, CreateAgentDto, TestCallDto, UpdateAgentDto } from './agent.dto';
import { PlaceTestCallUseCase } from './place-test-call.use-case';

const toDto = ({ organizationId: _org, ...agent }: AgentReply): AgentDto => agent;

/** AI voice agents live in the campaign service (C1–C3); every route may also answer 503 / 504. */
@ApiTags('agents')
@Controller('v1/agents')
@ApiProblems(503, 504)
export class AgentsHttpController {
  constructor(
    private readonly campaign: ServiceRpc,
    private readonly testCalls: PlaceTestCallUseCase,
  ) {}

  @Post()
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'createAgent',
    summary: 'Create an AI voice agent',
    description: 'It may be incomplete: `complete` and `missingFields` say what it needs before a campaign or call can use it (C2). An unknown `{{variable}}` in the greeting or instruction is a 422 naming the field.',
  })
  @ApiCreatedResponse({ type: AgentDto })
  @ApiBodyProblems()
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateAgentDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<AgentDto> {
    return toDto(await this.campaign.request(Rpc.Campaign.AgentCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) }));
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listAgents', summary: "The organization's agents, newest first" })
  @ApiOkResponse({ type: AgentPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<AgentPageDto> {
    const page = await this.campaign.request(Rpc.Campaign.AgentList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getAgent', summary: 'One agent' })
  @ApiOkResponse({ type: AgentDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<AgentDto> {
    return toDto(await this.campaign.request(Rpc.Campaign.AgentGet, { organizationId: orgId, agentId: params.id }));
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({ operationId: 'updateAgent', summary: 'Change some fields of an agent (`null` clears an optional one)' })
  @ApiOkResponse({ type: AgentDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateAgentDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<AgentDto> {
    return toDto(await this.campaign.request(Rpc.Campaign.AgentUpdate, { ...body, organizationId: orgId, agentId: params.id, ...(idempotencyKey ? { idempotencyKey } : {}) }));
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'deleteAgent', summary: 'Delete an agent' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 422, 500)
  async remove(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<void> {
    await this.campaign.request(Rpc.Campaign.AgentDelete, { organizationId: orgId, agentId: params.id });
  }

  @Post(':id/test-call')
  @HttpCode(202)
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'placeAgentTestCall',
    summary: 'Have the agent call one number now (a test call, C4)',
    description:
      'Accepted (202) with the call id and state `queued`, dialled as soon as a slot is free; follow it with GET /v1/calls/{id}. ' +
      "The dialer's pre-dial checks apply in their order (E4): an inactive agent is AGENT_INACTIVE, an incomplete one AGENT_INCOMPLETE naming the fields it misses.",
  })
  @ApiAcceptedResponse({ type: CallAcceptedDto })
  @ApiBodyProblems()
  @ApiProblems(402, 404)
  testCall(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: TestCallDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CallAcceptedDto> {
    return this.testCalls.execute(orgId, params.id, { ...body, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }
}

