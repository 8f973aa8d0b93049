import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { CallAcceptedDto } from '../calls/calls.dto';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { PlaceTicketCallUseCase } from './place-ticket-call.use-case';
import {
  AttachCallDto,
  CallDraftDto,
  CallDraftReplyDto,
  CreateTicketDto,
  TicketCallDto,
  TicketDetailDto,
  TicketDto,
  TicketListQueryDto,
  TicketPageDto,
  UpdateTicketDto,
} from './tickets.dto';

const ON_CALL =
  '404 TICKET_CALL_NOT_FOUND when ticketing knows no such call in the organization; 409 TICKET_OPERATOR_NOT_ON_CALL when the operator did not take it; ' +
  '409 TICKET_CALL_ALREADY_TICKETED when their conversation has its ticket (one call never gets two).';

/**
 * Tickets from calls live in the ticketing service (J1–J10); the controller only forwards. Every role
 * works tickets (an operator's screen does); only admin and supervisor keys place the click-to-call
 * (an operator key carries no user, as on /v1/calls). Every route may also answer 503 / 504.
 */
@ApiTags('tickets')
@Controller('v1')
@ApiProblems(503, 504)
export class TicketsHttpController {
  constructor(
    private readonly ticketing: ServiceRpc,
    private readonly calls: PlaceTicketCallUseCase,
  ) {}

  @Post('tickets')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'createTicket', summary: 'The operator on a call makes its ticket (J1)', description: `New until the call ends, then pending; the customer's open missed-call tickets close (J10). ${ON_CALL}` })
  @ApiCreatedResponse({ type: TicketDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateTicketDto): Promise<TicketDto> {
    return this.ticketing.request(Rpc.Ticketing.TicketCreate, { ...body, organizationId: orgId });
  }

  @Get('tickets')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'listTickets', summary: "The organization's tickets, newest first; filters: status, kind, handset, customer, assignee, number" })
  @ApiOkResponse({ type: TicketPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: TicketListQueryDto): Promise<TicketPageDto> {
    const page = await this.ticketing.request(Rpc.Ticketing.TicketList, { ...query, organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }

  @Get('tickets/:id')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'getTicket', summary: 'One ticket with its calls and messages (summaries, recordings, unanswered attempts)' })
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<TicketDetailDto> {
    return this.ticketing.request(Rpc.Ticketing.TicketGet, { organizationId: orgId, ticketId: params.id });
  }

  @Patch('tickets/:id')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'updateTicket', summary: 'Subject, summary, or a status the ticket machine allows', description: '409 TICKET_INVALID_STATE for a status change the machine refuses; nothing is stored then.' })
  @ApiOkResponse({ type: TicketDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateTicketDto): Promise<TicketDto> {
    return this.ticketing.request(Rpc.Ticketing.TicketUpdate, { ...body, organizationId: orgId, ticketId: params.id });
  }

  @Post('tickets/:id/calls')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({
    operationId: 'attachCallToTicket',
    summary: "Attach the call to an earlier call ticket of the customer (J1): it goes pending, with the call's message",
    description: `404 TICKET_NOT_FOUND for another organization's or a manual ticket; 409 TICKET_CALL_OTHER_CUSTOMER when the call is from another number or customer. ${ON_CALL}`,
  })
  @ApiCreatedResponse({ type: TicketDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  attach(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: AttachCallDto): Promise<TicketDto> {
    return this.ticketing.request(Rpc.Ticketing.TicketAttachCall, { ...body, organizationId: orgId, ticketId: params.id });
  }

  @Post('tickets/:id/call')
  @HttpCode(202)
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({
    operationId: 'callFromTicket',
    summary: "Click-to-call the ticket's number through the dialer (J5)",
    description: "Answered: a message with the summary on the ticket, the recording later; a missed-call ticket's handset turns green and it goes pending (J9, J10). Unanswered: the attempt is recorded and the status stays. 409 TICKET_HAS_NO_NUMBER; the dialer's refusals as on POST /v1/calls.",
  })
  @ApiAcceptedResponse({ type: CallAcceptedDto })
  @ApiBodyProblems()
  @ApiProblems(402, 404, 409)
  call(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: TicketCallDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CallAcceptedDto> {
    return this.calls.execute(orgId, params.id, { ...body, ...(idempotencyKey ? { idempotencyKey } : {}) });
  }

  @Put('calls/:id/ticket-draft')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({
    operationId: 'saveCallTicketDraft',
    summary: 'What the operator typed on a call before making a ticket (J3)',
    description: `When the call ends without a ticket, its ticket is made from this subject and summary. ${ON_CALL}`,
  })
  @ApiOkResponse({ type: CallDraftReplyDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  draft(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: CallDraftDto): Promise<CallDraftReplyDto> {
    return this.ticketing.request(Rpc.Ticketing.CallDraftSave, { ...body, organizationId: orgId, callId: params.id });
  }
}
