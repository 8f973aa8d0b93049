import { healthPing } from '../common/common.registry';
import { event, request, type EntriesOf } from '../registry/define';
import { CustomerMatchedV1, TicketCreatedV1, TicketUpdatedV1 } from './ticketing.events';
import { CustomerLookupReply, CustomerLookupRequest } from './ticketing.rpc';
import {
  CallDraftReply,
  CallDraftSaveRequest,
  TicketAttachCallRequest,
  TicketCreateRequest,
  TicketDetailReply,
  TicketListRequest,
  TicketPageReply,
  TicketReply,
  TicketRequest,
  TicketUpdateRequest,
} from './tickets.rpc';

/** JetStream subjects of the ticketing context: the events it publishes and the commands it receives. */
export const TicketingSubjects = {
  CustomerMatched: 'ticketing.customer.matched.v1',
  TicketCreated: 'ticketing.ticket.created.v1',
  TicketUpdated: 'ticketing.ticket.updated.v1',
} as const;

/** Core request/reply subjects answered by the ticketing context (`Rpc.Ticketing`). */
export const TicketingRpc = {
  HealthPing: 'rpc.ticketing.health.ping',
  CustomerLookup: 'rpc.ticketing.customer.lookup',
  TicketCreate: 'rpc.ticketing.ticket.create',
  TicketAttachCall: 'rpc.ticketing.ticket.attach_call',
  TicketGet: 'rpc.ticketing.ticket.get',
  TicketList: 'rpc.ticketing.ticket.list',
  TicketUpdate: 'rpc.ticketing.ticket.update',
  CallDraftSave: 'rpc.ticketing.call_draft.save',
} as const;

const fromGateway = ['api-gateway'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const ticketingMessages = {
  [TicketingSubjects.CustomerMatched]: event(CustomerMatchedV1, {
    description: 'The caller of an inbound call was looked up: the screen-pop card, or matched=false.',
    producer: 'ticketing',
    consumers: [],
  }),
  [TicketingSubjects.TicketCreated]: event(TicketCreatedV1, {
    description: 'A ticket was created (from a call, a missed call, or by hand).',
    producer: 'ticketing',
    status: 'stable',
    consumers: [],
  }),
  [TicketingSubjects.TicketUpdated]: event(TicketUpdatedV1, {
    description: 'A ticket changed (status, handset, assignee, attached calls).',
    producer: 'ticketing',
    status: 'stable',
    consumers: [],
  }),
  [TicketingRpc.HealthPing]: healthPing('ticketing'),
  [TicketingRpc.CustomerLookup]: request('query', CustomerLookupRequest, CustomerLookupReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    description: 'Screen-pop lookup of a customer by a raw phone number.',
  }),
  [TicketingRpc.TicketCreate]: request('command', TicketCreateRequest, TicketReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'The operator on a call makes its ticket (J1).',
  }),
  [TicketingRpc.TicketAttachCall]: request('command', TicketAttachCallRequest, TicketReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "The operator attaches the call to an earlier call ticket of the customer (J1, J10).",
  }),
  [TicketingRpc.TicketGet]: request('query', TicketRequest, TicketDetailReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'One ticket with its calls and messages.',
  }),
  [TicketingRpc.TicketList]: request('query', TicketListRequest, TicketPageReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "The organization's tickets, newest first, with filters.",
  }),
  [TicketingRpc.TicketUpdate]: request('command', TicketUpdateRequest, TicketReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Subject, summary, or a status the ticket machine allows.',
  }),
  [TicketingRpc.CallDraftSave]: request('command', CallDraftSaveRequest, CallDraftReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "What the operator typed on a call before making a ticket (J3).",
  }),
} satisfies EntriesOf<typeof TicketingSubjects & typeof TicketingRpc>;
