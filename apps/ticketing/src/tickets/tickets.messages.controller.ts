import { Controller } from '@nestjs/common';
import {
  CallDraftSaveRequest,
  Rpc,
  TicketAttachCallRequest,
  TicketCreateRequest,
  TicketListRequest,
  TicketRequest,
  TicketUpdateRequest,
} from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { AttachCallUseCase } from './attach-call.use-case';
import { CreateTicketUseCase } from './create-ticket.use-case';
import { GetTicketUseCase } from './get-ticket.use-case';
import { ListTicketsUseCase } from './list-tickets.use-case';
import { SaveCallDraftUseCase } from './save-call-draft.use-case';
import { UpdateTicketUseCase } from './update-ticket.use-case';

/** NATS request/reply adapter for /v1/tickets and the call drafts; payloads arrive validated against their contracts class. */
@Controller()
export class TicketsMessagesController {
  constructor(
    private readonly createTicket: CreateTicketUseCase,
    private readonly attachCall: AttachCallUseCase,
    private readonly getTicket: GetTicketUseCase,
    private readonly listTickets: ListTicketsUseCase,
    private readonly updateTicket: UpdateTicketUseCase,
    private readonly saveDraft: SaveCallDraftUseCase,
  ) {}

  @RpcHandler(Rpc.Ticketing.TicketCreate)
  create(input: TicketCreateRequest) {
    return this.createTicket.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.TicketAttachCall)
  attach(input: TicketAttachCallRequest) {
    return this.attachCall.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.TicketGet)
  get(input: TicketRequest) {
    return this.getTicket.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.TicketList)
  list(input: TicketListRequest) {
    return this.listTickets.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.TicketUpdate)
  update(input: TicketUpdateRequest) {
    return this.updateTicket.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.CallDraftSave)
  draft(input: CallDraftSaveRequest) {
    return this.saveDraft.execute(input);
  }
}
