import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { CreateMessageRuleDto, MessageRuleDto, MessageRulePageDto, UpdateMessageRuleDto } from './message-rule.dto';

/** Message rules live in the dialer-orchestrator (F3); every route may also answer 503 / 504. */
@ApiTags('message-rules')
@Controller('v1/message-rules')
@ApiProblems(503, 504)
export class MessageRulesHttpController {
  constructor(private readonly dialer: ServiceRpc) {}

  @Post()
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'createMessageRule',
    summary: 'Add a message rule: "we missed your call" by SMS for the missed calls it matches, once per caller per window',
  })
  @ApiCreatedResponse({ type: MessageRuleDto })
  @ApiBodyProblems()
  @ApiProblems(409)
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateMessageRuleDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<MessageRuleDto> {
    return this.dialer.request(Rpc.Dialer.MessageRuleCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) }).then(toDto);
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listMessageRules', summary: "The organization's message rules, newest first" })
  @ApiOkResponse({ type: MessageRulePageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<MessageRulePageDto> {
    const page = await this.dialer.request(Rpc.Dialer.MessageRuleList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getMessageRule', summary: 'One message rule' })
  @ApiOkResponse({ type: MessageRuleDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<MessageRuleDto> {
    return this.dialer.request(Rpc.Dialer.MessageRuleGet, { organizationId: orgId, id: params.id }).then(toDto);
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'updateMessageRule', summary: 'Change the given fields of a message rule' })
  @ApiOkResponse({ type: MessageRuleDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateMessageRuleDto): Promise<MessageRuleDto> {
    return this.dialer.request(Rpc.Dialer.MessageRuleUpdate, { ...body, organizationId: orgId, id: params.id }).then(toDto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'deleteMessageRule', summary: 'Delete a message rule' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiProblems(404, 422, 500)
  async remove(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<void> {
    await this.dialer.request(Rpc.Dialer.MessageRuleDelete, { organizationId: orgId, id: params.id });
  }
}

// A reply's optional callback delay is null on the wire, as documented.
function toDto<T extends { callbackAfterMinutes?: number | null }>(rule: T): T & { callbackAfterMinutes: number | null } {
  return { ...rule, callbackAfterMinutes: rule.callbackAfterMinutes ?? null };
}
