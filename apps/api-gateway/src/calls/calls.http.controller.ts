import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { CallAcceptedDto, CallDetailDto, CallListQueryDto, CallPageDto, CreateCallDto, TransferCallDto } from './calls.dto';

const E4 =
  'Refusals, checked in this order, the first failing one answered (422 with its code unless noted) and nothing stored, dialled or reserved: ' +
  'INSUFFICIENT_CREDITS (402), AGENT_INACTIVE (unknown, deleted or inactive agent), AGENT_INCOMPLETE (names the missing fields), ' +
  'FROM_NUMBER_NOT_FOUND, FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT, INVALID_PHONE_NUMBER, TO_NUMBER_NOT_ALLOWS_CALLOUT (on the do-not-call list), ' +
  'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL (click_to_call: the operator is not available, is on another call, or has no endpoint). ' +
  'Then PROVIDER_ACCOUNT_NOT_FOUND (404) when the organization has no provider account.';

/**
 * The dialer's calls (issue 10 item 10); the controller only forwards. Roles: admin and supervisor
 * keys place every kind of call; operator keys place none, because an API key carries a role but no
 * user, so it cannot prove the click-to-call is the operator's own (a CRM places it with a
 * supervisor key on the operator's behalf). Every role reads calls and hangs up or transfers them
 * (an operator's softphone does both). Every route may also answer 503 / 504.
 */
@ApiTags('calls')
@Controller('v1/calls')
@ApiProblems(503, 504)
export class CallsHttpController {
  constructor(private readonly dialer: ServiceRpc) {}

  @Post()
  @HttpCode(202)
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'createCall',
    summary: 'Place a single call, a test call or a click-to-call',
    description:
      'Accepted (202) with the call id and state `queued`: it is dialled as soon as one of the organization\'s slots is free; follow it with ' +
      'GET /v1/calls/{id}. Admin and supervisor keys only: an operator key carries no user, so it cannot show that a click-to-call is its own. ' +
      E4,
  })
  @ApiAcceptedResponse({ type: CallAcceptedDto })
  @ApiBodyProblems()
  @ApiProblems(402, 404)
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateCallDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CallAcceptedDto> {
    return this.dialer.request(Rpc.Dialer.CallCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Get()
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'listCalls', summary: "The organization's calls, newest first; filters: campaign, state, number (normalized), operator, time range" })
  @ApiOkResponse({ type: CallPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: CallListQueryDto): Promise<CallPageDto> {
    const { limit, ...filters } = query;
    const page = await this.dialer.request(Rpc.Dialer.CallList, { ...filters, organizationId: orgId, limit: limit ?? DEFAULT_PAGE_SIZE });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'getCall', summary: 'One call: its transitions with time and cause, end reason, provider code and SIP cause (404 CALL_NOT_FOUND)' })
  @ApiOkResponse({ type: CallDetailDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CallDetailDto> {
    return this.dialer.request(Rpc.Dialer.CallGet, { organizationId: orgId, callId: params.id });
  }

  @Post(':id/hangup')
  @HttpCode(202)
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({
    operationId: 'hangupCall',
    summary: 'Hang up a call',
    description: 'A queued call is cancelled at once (state `cancelled`); a dialled one is hung up at the provider and ends when the provider reports it. 409 CALL_ALREADY_ENDED, 404 CALL_NOT_FOUND.',
  })
  @ApiAcceptedResponse({ type: CallAcceptedDto })
  @ApiProblems(404, 409, 422, 500)
  hangup(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CallAcceptedDto> {
    return this.dialer.request(Rpc.Dialer.CallHangup, { organizationId: orgId, callId: params.id });
  }

  @Post(':id/transfer')
  @HttpCode(202)
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({
    operationId: 'transferCall',
    summary: 'Transfer a call in progress to a number or SIP URI',
    description: '409 CALL_NOT_IN_PROGRESS unless the call is in progress; 422 INVALID_TRANSFER_TARGET unless the target is a number (normalized) or a SIP URI; 404 CALL_NOT_FOUND.',
  })
  @ApiAcceptedResponse({ type: CallAcceptedDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  transfer(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: TransferCallDto): Promise<CallAcceptedDto> {
    return this.dialer.request(Rpc.Dialer.CallTransfer, { organizationId: orgId, callId: params.id, target: body.target });
  }
}
