import { healthPing } from '../common/common.registry';
import { event, request, type EntriesOf } from '../registry/define';
import { CustomerMatchedV1, TicketCreatedV1, TicketUpdatedV1 } from './ticketing.events';
import { CustomerLookupReply, CustomerLookupRequest } from './ticketing.rpc';
import {
  CustomerCardReply,
  CustomerCardRequest,
  CustomerCreateRequest,
  CustomerListRequest,
  CustomerPageReply,
  CustomerPhoneLinkRequest,
  CustomerPhoneUnlinkRequest,
  CustomerReply,
  CustomerRequest,
  CustomerUpdateRequest,
  EnrichmentConfigureRequest,
  EnrichmentReply,
  EnrichmentRequest,
} from './customers.rpc';
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
import { TicketStatsReply, TicketStatsRequest } from './ticket-stats.rpc';
import {
  NoteTemplateCreateRequest,
  NoteTemplateListReply,
  NoteTemplateListRequest,
  NoteTemplateReply,
  NoteTemplateRequest,
  NoteTemplateUpdateRequest,
  QualitySampleReply,
  QualitySampleRequest,
} from './operator-helpers.rpc';

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
  CustomerCreate: 'rpc.ticketing.customer.create',
  CustomerUpdate: 'rpc.ticketing.customer.update',
  CustomerGet: 'rpc.ticketing.customer.get',
  CustomerList: 'rpc.ticketing.customer.list',
  CustomerPhoneLink: 'rpc.ticketing.customer_phone.link',
  CustomerPhoneUnlink: 'rpc.ticketing.customer_phone.unlink',
  CustomerCard: 'rpc.ticketing.customer.card',
  EnrichmentConfigure: 'rpc.ticketing.enrichment.configure',
  EnrichmentGet: 'rpc.ticketing.enrichment.get',
  TicketCreate: 'rpc.ticketing.ticket.create',
  TicketAttachCall: 'rpc.ticketing.ticket.attach_call',
  TicketGet: 'rpc.ticketing.ticket.get',
  TicketList: 'rpc.ticketing.ticket.list',
  TicketUpdate: 'rpc.ticketing.ticket.update',
  CallDraftSave: 'rpc.ticketing.call_draft.save',
  TicketStats: 'rpc.ticketing.ticket.stats',
  NoteTemplateCreate: 'rpc.ticketing.note_template.create',
  NoteTemplateUpdate: 'rpc.ticketing.note_template.update',
  NoteTemplateGet: 'rpc.ticketing.note_template.get',
  NoteTemplateList: 'rpc.ticketing.note_template.list',
  NoteTemplateDelete: 'rpc.ticketing.note_template.delete',
  QualitySampleList: 'rpc.ticketing.quality_sample.list',
} as const;

const fromGateway = ['api-gateway'] as const;

/** What travels on each subject above; a subject without its entry does not compile. */
export const ticketingMessages = {
  [TicketingSubjects.CustomerMatched]: event(CustomerMatchedV1, {
    description: 'The caller of an inbound call was looked up: the screen-pop card, or matched=false.',
    producer: 'ticketing',
    status: 'stable',
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
    status: 'stable',
    description: 'Screen-pop lookup of a customer by a raw phone number.',
  }),
  [TicketingRpc.CustomerCreate]: request('command', CustomerCreateRequest, CustomerReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Create a customer (B2, J2); every phone is stored E.164 with its caller-ID key, one customer per number.',
  }),
  [TicketingRpc.CustomerUpdate]: request('command', CustomerUpdateRequest, CustomerReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Change some fields of a customer (`null` clears an optional one).',
  }),
  [TicketingRpc.CustomerGet]: request('query', CustomerRequest, CustomerReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'One customer with its phones.',
  }),
  [TicketingRpc.CustomerList]: request('query', CustomerListRequest, CustomerPageReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "The organization's customers, newest first; `q` searches name, e-mail, company, notes and custom fields (Turkish-aware).",
  }),
  [TicketingRpc.CustomerPhoneLink]: request('command', CustomerPhoneLinkRequest, CustomerReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Link a number to a customer (J2); a number of another customer is PHONE_ALREADY_LINKED.',
  }),
  [TicketingRpc.CustomerPhoneUnlink]: request('command', CustomerPhoneUnlinkRequest, CustomerReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Remove a number from a customer.',
  }),
  [TicketingRpc.CustomerCard]: request('query', CustomerCardRequest, CustomerCardReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'The screen-pop card (F1, K7) for a number in any form: customer, open tickets, last calls, enrichment.',
  }),
  [TicketingRpc.EnrichmentConfigure]: request('command', EnrichmentConfigureRequest, EnrichmentReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "Set the organization's screen-pop enrichment URL (K7), its timeout, and make or rotate its signing secret.",
  }),
  [TicketingRpc.EnrichmentGet]: request('query', EnrichmentRequest, EnrichmentReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "The organization's screen-pop enrichment settings (the secret is never shown again).",
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
  [TicketingRpc.TicketStats]: request('query', TicketStatsRequest, TicketStatsReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Ticket statistics of a period (J11, S4 §19–24), in one group or per assignee or kind.',
  }),
  [TicketingRpc.NoteTemplateCreate]: request('command', NoteTemplateCreateRequest, NoteTemplateReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Create an organization-wide note template for quick marking (K9); a name in use is NOTE_TEMPLATE_NAME_TAKEN.',
  }),
  [TicketingRpc.NoteTemplateUpdate]: request('command', NoteTemplateUpdateRequest, NoteTemplateReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Change some fields of a note template (`null` clears an optional one).',
  }),
  [TicketingRpc.NoteTemplateGet]: request('query', NoteTemplateRequest, NoteTemplateReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'One note template.',
  }),
  [TicketingRpc.NoteTemplateList]: request('query', NoteTemplateListRequest, NoteTemplateListReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "The organization's note templates by name.",
  }),
  [TicketingRpc.NoteTemplateDelete]: request('command', NoteTemplateRequest, NoteTemplateReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: 'Delete a note template; the reply is the template as it was.',
  }),
  [TicketingRpc.QualitySampleList]: request('query', QualitySampleRequest, QualitySampleReply, {
    producers: fromGateway,
    consumer: 'ticketing',
    status: 'stable',
    description: "A stable sample of each operator's answered, ended calls in a period for quality review (K9).",
  }),
} satisfies EntriesOf<typeof TicketingSubjects & typeof TicketingRpc>;
