import {
  type AnyMachineDefinition,
  CALL_MACHINE,
  CALL_STATES,
  CAMPAIGN_STATES,
  END_REASON_CODES,
  MACHINES,
  TICKET_STATUSES,
  allowedEvents,
  describeEndReasons,
  describeMachine,
  endReasonsToMarkdown,
  isTerminal,
  machineToMarkdown,
} from './index';

describe('describing the tables', () => {
  it.each(Object.values(MACHINES).map((machine): [string, AnyMachineDefinition] => [machine.name, machine]))(
    '%s: one JSON row per accepted cell, rows round-trip through JSON',
    (_name, machine) => {
      const description = describeMachine(machine);
      const cellCount = machine.states.reduce((n, s) => n + Object.keys(machine.table[s] ?? {}).length, 0);
      expect(description.transitions).toHaveLength(cellCount);
      expect(JSON.parse(JSON.stringify(description))).toEqual(description);
      expect(description.effects.map((e) => e.kind).sort()).toEqual(Object.keys(machine.effectDocs).sort());
    },
  );

  it('call rows carry the default end reason and its derivation', () => {
    const row = describeMachine(CALL_MACHINE).transitions.find((t) => t.from === 'ringing' && t.event === 'failed');
    expect(row).toEqual({
      from: 'ringing',
      event: 'failed',
      to: 'failed',
      effects: ['record_transition', 'stop_ring_timer', 'end_call', 'release_slot', 'settle_billing', 'schedule_retry_eligible'],
      details: { end: 'provider_error', derive: 'provider' },
    });
  });

  it('markdown has a row per accepted cell and the notes', () => {
    const markdown = machineToMarkdown(MACHINES.campaign);
    expect(markdown).toContain('## campaign state machine');
    expect(markdown).toContain('| `paused` | `resume` | `active` | `record_transition`, `clear_pause_reason`, `start_dispatch` |  |');
    expect(markdown).toContain('Any other (state, event) pair is rejected.');
    expect(markdown).toMatch(/- A paused campaign resumes only by an explicit user action/);
    expect(machineToMarkdown(MACHINES.ticket)).toContain('Handset on callback_answered: red → green; otherwise unchanged.');
  });

  it('end reasons are listed with fault, billable and retryable', () => {
    expect(describeEndReasons().map((r) => r.code)).toEqual([...END_REASON_CODES]);
    const markdown = endReasonsToMarkdown();
    for (const code of END_REASON_CODES) expect(markdown).toContain(`| \`${code}\` |`);
    expect(markdown).toContain('| `FROM_NUMBER_NOT_FOUND` | `failed` | configuration | no | yes |');
  });
});

describe('isTerminal and allowedEvents', () => {
  it.each([
    ['ended', true],
    ['failed', true],
    ['no_answer', true],
    ['busy', true],
    ['cancelled', true],
    ['completed', true],
    ['in_progress', false],
    ['queued', false],
    ['paused', false],
    ['active', false],
    ['closed', false],
    ['new', false],
  ] as const)('%s → %s', (state, terminal) => {
    expect(isTerminal(state)).toBe(terminal);
  });

  it('no state name is terminal in one machine and live in another', () => {
    const all = [...new Set<string>([...CALL_STATES, ...CAMPAIGN_STATES, ...TICKET_STATUSES])];
    for (const state of all) {
      const verdicts = Object.values(MACHINES)
        .filter((m) => (m.states as readonly string[]).includes(state))
        .map((m) => (m.terminal as readonly string[]).includes(state));
      expect(new Set(verdicts).size).toBe(1);
    }
  });

  it('lists the events a state accepts, in event order', () => {
    expect(allowedEvents(MACHINES.campaign, 'paused')).toEqual(['start', 'resume', 'all_contacts_done', 'end_date_reached', 'cancel', 'edit']);
    expect(allowedEvents(MACHINES.call, 'ended')).toEqual(['leg_ended']);
    expect(allowedEvents(MACHINES.ticket, 'closed')).toEqual(['callback_unanswered', 'callback_answered', 'call_attached', 'reopen']);
  });
});
