import {
  HANDSETS,
  type Handset,
  NEW_TICKET,
  TICKET_EVENT_TYPES,
  TICKET_MACHINE,
  TICKET_STATUSES,
  type TicketEvent,
  type TicketEventType,
  type TicketState,
  type TicketStatus,
  type TicketTransitionResult,
  transitionTicket,
} from './index';

// Written by hand from REQUIREMENTS J3–J10 and seeds/004 §§5–18, not copied from ticket.table.ts.
const STATUSES = ['new', 'open', 'pending', 'closed'] as const;
const EVENTS = [
  'missed_call', 'inbound_answered_call_ended', 'inbound_call_ended_no_ticket', 'operator_did_nothing_transfer',
  'outbound_call_ended_no_ticket', 'callback_unanswered', 'callback_answered', 'call_attached',
  'customer_called_back_new_ticket', 'softphone_answered_new_ticket', 'reply', 'close', 'reopen',
] as const;
const NUMBER = '+905551234567';

const SAMPLE: { [type in TicketEventType]: TicketEvent } = {
  missed_call: { type: 'missed_call', callId: 'c1', number: NUMBER, assigneeId: 'op-7' },
  inbound_answered_call_ended: { type: 'inbound_answered_call_ended', callId: 'c1' },
  inbound_call_ended_no_ticket: { type: 'inbound_call_ended_no_ticket', callId: 'c1', number: NUMBER },
  operator_did_nothing_transfer: { type: 'operator_did_nothing_transfer', callId: 'c1', number: NUMBER },
  outbound_call_ended_no_ticket: { type: 'outbound_call_ended_no_ticket', callId: 'c1', number: NUMBER, operatorId: 'op-3' },
  callback_unanswered: { type: 'callback_unanswered', callId: 'c2' },
  callback_answered: { type: 'callback_answered', callId: 'c2' },
  call_attached: { type: 'call_attached', callId: 'c3' },
  customer_called_back_new_ticket: { type: 'customer_called_back_new_ticket', newTicketId: 't2' },
  softphone_answered_new_ticket: { type: 'softphone_answered_new_ticket', newTicketId: 't3' },
  reply: { type: 'reply' },
  close: { type: 'close' },
  reopen: { type: 'reopen' },
};

// "." = rejected; otherwise the next status.
const EXPECTED: { [status in (typeof STATUSES)[number]]: string } = {
  //        missed ans_end  no_ticket transfer outbound unanswered answered attached called_back softphone reply   close  reopen
  new:     'open   pending  open      closed   closed   new        pending  pending  .           .         pending closed .',
  open:    'open   pending  .         .        .        open       pending  pending  closed      closed    pending closed .',
  pending: '.      pending  .         .        .        pending    pending  pending  closed      closed    pending closed .',
  closed:  '.      .        .         .        .        closed     pending  pending  .           .         .       .      open',
};

// Handset after each event, from none / red / green; events not listed keep the handset.
const HANDSET_EXPECTED: { readonly [event: string]: string } = {
  missed_call: 'red red red',
  callback_answered: 'none green green',
};

const cases = STATUSES.flatMap((from) => {
  const cells = EXPECTED[from].trim().split(/\s+/);
  if (cells.length !== EVENTS.length) throw new Error(`row ${from} has ${cells.length} cells`);
  return EVENTS.map((event, i) => ({ from, event, expected: cells[i]! }));
});

function accepted(result: TicketTransitionResult) {
  if (!result.ok) throw new Error(`expected acceptance, got ${result.rejection.reason}`);
  return result;
}
const at = (status: TicketStatus, handset: Handset = 'none'): TicketState => ({ status, handset });

describe('ticket machine: every status × every event', () => {
  it('lists exactly the statuses and events the expected table covers; nothing is terminal', () => {
    expect([...TICKET_STATUSES].sort()).toEqual([...STATUSES].sort());
    expect([...TICKET_EVENT_TYPES].sort()).toEqual([...EVENTS].sort());
    expect(TICKET_MACHINE.terminal).toEqual([]);
  });

  it.each(cases)('$from + $event → $expected', ({ from, event, expected }) => {
    const result = transitionTicket(at(from), SAMPLE[event]);
    if (expected === '.') {
      expect(result).toEqual({
        ok: false,
        rejection: { code: 'illegal_transition', from: at(from), event, reason: expect.any(String) },
      });
      return;
    }
    expect(accepted(result).next.status).toBe(expected);
  });
});

describe('ticket machine: handset × event', () => {
  const handsetCases = EVENTS.flatMap((event) => {
    const row = (HANDSET_EXPECTED[event] ?? 'none red green').split(' ');
    // Apply the event in the first status that accepts it (per the expected table above).
    const from = STATUSES.find((s) => EXPECTED[s].trim().split(/\s+/)[EVENTS.indexOf(event)] !== '.')!;
    return HANDSETS.map((handset, i) => ({ event, from, handset, expected: row[i]! }));
  });

  it.each(handsetCases)('$handset + $event (ticket $from) → $expected', ({ event, from, handset, expected }) => {
    expect(accepted(transitionTicket(at(from, handset), SAMPLE[event])).next.handset).toBe(expected);
  });
});

describe('ticket machine: call-driven rules', () => {
  it('J7: a missed call opens the ticket, red handset, subject and last distributed operator', () => {
    const event = SAMPLE.missed_call;
    expect(transitionTicket(NEW_TICKET, event)).toEqual({
      ok: true,
      next: { status: 'open', handset: 'red' },
      effects: [
        { type: 'record_transition', from: 'new', to: 'open', event },
        { type: 'set_subject', subject: `Missed incoming call from ${NUMBER}` },
        { type: 'assign', assigneeId: 'op-7' },
        { type: 'link_call', callId: 'c1' },
      ],
    });
  });

  it('J7: a caller who hung up in the IVR leaves the ticket unassigned', () => {
    const event: TicketEvent = { type: 'missed_call', callId: 'c1', number: NUMBER, assigneeId: null };
    expect(accepted(transitionTicket(NEW_TICKET, event)).effects).toContainEqual({ type: 'assign', assigneeId: null });
  });

  it('J8: another missed call joins the open missed ticket without a status change', () => {
    const event: TicketEvent = { type: 'missed_call', callId: 'c9', number: NUMBER, assigneeId: null };
    expect(transitionTicket(at('open', 'red'), event)).toEqual({
      ok: true,
      next: { status: 'open', handset: 'red' },
      effects: [{ type: 'link_call', callId: 'c9' }],
    });
  });

  it('J4: the first operator did nothing before transferring → closed "Incoming call from [number]"', () => {
    const result = accepted(transitionTicket(NEW_TICKET, SAMPLE.operator_did_nothing_transfer));
    expect(result.next).toEqual({ status: 'closed', handset: 'none' });
    expect(result.effects).toContainEqual({ type: 'set_subject', subject: `Incoming call from ${NUMBER}` });
  });

  it('J3: a call that ended without a ticket gets an open one, with the subject the operator typed if any', () => {
    const typed: TicketEvent = { type: 'inbound_call_ended_no_ticket', callId: 'c1', number: NUMBER, subject: 'Delivery day' };
    expect(accepted(transitionTicket(NEW_TICKET, typed)).effects).toContainEqual({ type: 'set_subject', subject: 'Delivery day' });
    expect(accepted(transitionTicket(NEW_TICKET, SAMPLE.inbound_call_ended_no_ticket)).effects).toContainEqual({
      type: 'set_subject',
      subject: `Incoming call from ${NUMBER}`,
    });
  });

  it('J6: an outbound softphone call without a ticket → closed, assigned to the operator', () => {
    const result = accepted(transitionTicket(NEW_TICKET, SAMPLE.outbound_call_ended_no_ticket));
    expect(result.next.status).toBe('closed');
    expect(result.effects).toContainEqual({ type: 'assign', assigneeId: 'op-3' });
  });

  it('J5/J9/J10: unanswered callback keeps the missed ticket open; an answered one → pending, green', () => {
    const missed = accepted(transitionTicket(NEW_TICKET, SAMPLE.missed_call)).next;
    const unanswered = accepted(transitionTicket(missed, SAMPLE.callback_unanswered));
    expect(unanswered).toEqual({
      ok: true,
      next: { status: 'open', handset: 'red' },
      effects: [{ type: 'record_call_attempt', callId: 'c2' }],
    });
    const answered = accepted(transitionTicket(unanswered.next, SAMPLE.callback_answered));
    expect(answered.next).toEqual({ status: 'pending', handset: 'green' });
    expect(answered.effects).toContainEqual({ type: 'link_call', callId: 'c2' });
  });

  it.each(['customer_called_back_new_ticket', 'softphone_answered_new_ticket'] as const)(
    'J10: %s closes the missed ticket and links the new one',
    (type) => {
      const event = SAMPLE[type] as Extract<TicketEvent, { newTicketId: string }>;
      expect(transitionTicket(at('open', 'red'), event)).toEqual({
        ok: true,
        next: { status: 'closed', handset: 'red' },
        effects: [
          { type: 'record_transition', from: 'open', to: 'closed', event },
          { type: 'record_superseded', byTicketId: event.newTicketId },
        ],
      });
    },
  );

  it('J10: a call attached to the missed ticket → pending, handset stays red', () => {
    expect(accepted(transitionTicket(at('open', 'red'), SAMPLE.call_attached)).next).toEqual({ status: 'pending', handset: 'red' });
  });

  it('a conversation on a closed ticket reopens it as pending and counts the reopen', () => {
    expect(accepted(transitionTicket(at('closed'), SAMPLE.call_attached)).effects.map((e) => e.type)).toEqual([
      'record_transition',
      'count_reopen',
      'link_call',
    ]);
    expect(accepted(transitionTicket(at('closed'), SAMPLE.reopen)).effects.map((e) => e.type)).toEqual([
      'record_transition',
      'count_reopen',
    ]);
  });

  it.each(TICKET_STATUSES.flatMap((from) => Object.entries(TICKET_MACHINE.table[from]).map(([event, spec]) => ({ from, event, spec: spec! }))))(
    'table cell $from + $event records a transition iff the status changes',
    ({ from, spec }) => {
      expect(spec.effects.includes('record_transition')).toBe(spec.to !== from);
      expect(spec.effects.includes('count_reopen')).toBe(from === 'closed' && spec.to !== 'closed');
    },
  );
});
