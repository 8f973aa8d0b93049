import { DialerSubjects, TelephonySubjects, TicketingSubjects } from '@santral/contracts';
import { isFor, sseFrame, STREAMED_TYPES, type StreamAudience, type StreamedEvent } from './stream-audience';

const ORG = 'org-a';
const OP1 = '0190ffff-0000-7000-8000-000000000001';
const OP2 = '0190ffff-0000-7000-8000-000000000002';
const operator1: StreamAudience = { organizationId: ORG, userId: OP1, screenPops: 'own' };
const supervisor: StreamAudience = { organizationId: ORG, userId: OP2, screenPops: 'all' };
const wallboard: StreamAudience = { organizationId: ORG, userId: null, screenPops: 'all' };
const ownWithoutUser: StreamAudience = { organizationId: ORG, userId: null, screenPops: 'own' };

const pop = (operatorUserIds: unknown, orgid = ORG): StreamedEvent => ({ seq: 1, type: TicketingSubjects.CustomerMatched, orgid, data: { operatorUserIds } });
const of = (type: string, orgid: string | null = ORG): StreamedEvent => ({ seq: 1, type, orgid, data: {} });

describe('isFor', () => {
  it.each<[string, StreamAudience, StreamedEvent, boolean]>([
    ['screen-pop listing the operator', operator1, pop([OP2, OP1]), true],
    ['screen-pop listing the operator in upper case', operator1, pop([OP1.toUpperCase()]), true],
    ['screen-pop listing another operator', operator1, pop([OP2]), false],
    ['screen-pop listing nobody (every operator)', operator1, pop([]), true],
    ['screen-pop without a list', operator1, pop(undefined), true],
    ['screen-pop with a list of non-strings', operator1, pop([1, null]), false],
    ['screen-pop for another operator, to a supervisor', supervisor, pop([OP1]), true],
    ['screen-pop for an operator, to an organization-wide stream', wallboard, pop([OP1]), true],
    ['listed screen-pop, to an "own" stream without a user', ownWithoutUser, pop([OP1]), false],
    ['screen-pop of another organization', supervisor, pop([], 'org-b'), false],
    ['call ringing', operator1, of(DialerSubjects.CallRinging), true],
    ['call ended of another organization', operator1, of(DialerSubjects.CallEnded, 'org-b'), false],
    ['an event without organization', wallboard, of(TicketingSubjects.TicketCreated, null), false],
    ['inbound received', operator1, of(TelephonySubjects.InboundReceived), true],
    ['ticket updated', operator1, of(TicketingSubjects.TicketUpdated), true],
    ['a type the stream does not carry', wallboard, of(DialerSubjects.TaskCreated), false],
    ['a telephony fact the dialer already restates', wallboard, of(TelephonySubjects.CallEnded), false],
  ])('%s → %p', (_name, audience, event, expected) => {
    expect(isFor(audience, event)).toBe(expected);
  });

  it('carries the types of the brief', () => {
    expect([...STREAMED_TYPES].sort()).toEqual(
      [
        'dialer.call.answered.v1',
        'dialer.call.ended.v1',
        'dialer.call.forwarding.v1',
        'dialer.call.ringing.v1',
        'telephony.inbound.received.v1',
        'ticketing.customer.matched.v1',
        'ticketing.ticket.created.v1',
        'ticketing.ticket.updated.v1',
      ],
    );
  });
});

describe('sseFrame', () => {
  it('is id, event and the data as one JSON line', () => {
    expect(sseFrame({ seq: 42, type: 'ticketing.ticket.created.v1', orgid: ORG, data: { subject: 'a\nb' } })).toBe(
      'id: 42\nevent: ticketing.ticket.created.v1\ndata: {"subject":"a\\nb"}\n\n',
    );
  });
});
