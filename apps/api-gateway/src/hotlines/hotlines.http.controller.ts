import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { CreateHotlineDto, HotlineDto, HotlinePageDto, UpdateHotlineDto } from './hotline.dto';

/** Caller numbers live in the dialer-orchestrator (S3, E4); every route may also answer 503 / 504. */
@ApiTags('hotlines')
@Controller('v1/hotlines')
@ApiProblems(503, 504)
export class HotlinesHttpController {
  constructor(private readonly dialer: ServiceRpc) {}

  @Post()
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({ operationId: 'createHotline', summary: 'Add a caller number: whether it may call out, which user groups may use it' })
  @ApiCreatedResponse({ type: HotlineDto })
  @ApiBodyProblems()
  @ApiProblems(409)
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateHotlineDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<HotlineDto> {
    return this.dialer.request(Rpc.Dialer.HotlineCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listHotlines', summary: "The organization's caller numbers, newest first" })
  @ApiOkResponse({ type: HotlinePageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<HotlinePageDto> {
    const page = await this.dialer.request(Rpc.Dialer.HotlineList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getHotline', summary: 'One caller number' })
  @ApiOkResponse({ type: HotlineDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<HotlineDto> {
    return this.dialer.request(Rpc.Dialer.HotlineGet, { organizationId: orgId, id: params.id });
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'updateHotline', summary: "Change a caller number's label, outbound permission or allowed groups" })
  @ApiOkResponse({ type: HotlineDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateHotlineDto): Promise<HotlineDto> {
    return this.dialer.request(Rpc.Dialer.HotlineUpdate, { ...body, organizationId: orgId, id: params.id });
  }
}
