import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { AddDncNumbersDto, DncAddResultDto, DncListQueryDto, DncPageDto } from './dnc.dto';

/** The do-not-call list lives in the dialer-orchestrator (B4); every route may also answer 503 / 504. */
@ApiTags('dnc')
@Controller('v1/dnc')
@ApiProblems(503, 504)
export class DncHttpController {
  constructor(private readonly dialer: ServiceRpc) {}

  @Post()
  @HttpCode(200)
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'addDncNumbers',
    summary: 'Put one number or many on the do-not-call list',
    description:
      "Each number is normalized with the organization's default country. The valid ones are stored (a number already " +
      'listed stays as it was: `added: false`); the others are listed in `rejected` with their phone error code and ' +
      'reason and nothing is stored for them. The answer is 200 even when some or all were rejected.',
  })
  @ApiOkResponse({ type: DncAddResultDto })
  @ApiBodyProblems()
  add(@CurrentOrg() orgId: OrgId, @Body() body: AddDncNumbersDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<DncAddResultDto> {
    return this.dialer.request(Rpc.Dialer.DncAdd, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listDncEntries', summary: 'The do-not-call list, newest first; `?number=` finds one number in any form' })
  @ApiOkResponse({ type: DncPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: DncListQueryDto): Promise<DncPageDto> {
    const page = await this.dialer.request(Rpc.Dialer.DncList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor, number: query.number });
    return { items: page.items.map((e) => ({ ...e, reason: e.reason ?? null })), nextCursor: page.nextCursor ?? null };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'removeDncEntry', summary: 'Take an entry (by its id) off the do-not-call list' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiProblems(404, 422, 500)
  async remove(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<void> {
    await this.dialer.request(Rpc.Dialer.DncRemove, { organizationId: orgId, id: params.id });
  }
}
