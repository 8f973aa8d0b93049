import {
  ALL_SUBJECTS,
  CONTEXTS,
  MESSAGES,
  MessageRegistry,
  RPC_SUBJECTS,
  STREAM_SUBJECTS,
  Subjects,
  deadLetterStreamSubjects,
  deadLetterSubject,
  durableName,
  eventStreamSubjects,
  namingProblem,
  parseDeadLetterSubject,
  parseSubject,
  rpcPingSubject,
  streamName,
  withPrefix,
  withoutPrefix,
} from './index';

/** NATS subject-filter match (`*` one token, `>` one or more trailing tokens). */
function matchesFilter(filter: string, subject: string): boolean {
  const f = filter.split('.');
  const s = subject.split('.');
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '>') return s.length > i;
    if (i >= s.length || (f[i] !== '*' && f[i] !== s[i])) return false;
  }
  return f.length === s.length;
}

describe('subjects', () => {
  it('are unique', () => {
    expect(new Set(ALL_SUBJECTS).size).toBe(ALL_SUBJECTS.length);
  });

  it('has an entry in the registry for every subject, and no entry without a subject', () => {
    expect(Object.keys(MessageRegistry).sort()).toEqual([...ALL_SUBJECTS].sort());
  });

  it.each(MESSAGES.map((m) => [m.subject, m.kind] as const))('%s follows the naming rule for a %s', (subject, kind) => {
    expect(namingProblem(subject, kind)).toBeUndefined();
  });

  it('rejects names that break the rule', () => {
    expect(namingProblem('telephony.call.originate.v1', 'event')).toMatch(/past tense/);
    expect(namingProblem('dialer.call.answered.v1', 'command')).toMatch(/imperative/);
    expect(namingProblem('billing.balance.get', 'query')).toMatch(/neither/);
    expect(namingProblem('Dialer.call.answered.v1', 'event')).toMatch(/neither/);
    expect(namingProblem('dialer.call.answered', 'event')).toMatch(/neither/);
    expect(namingProblem('sms.call.answered.v1', 'event')).toMatch(/neither/);
    expect(namingProblem('dialer.call.answered.v0', 'event')).toMatch(/neither/);
  });

  it('puts JetStream messages under a context and request/reply under rpc', () => {
    for (const message of MESSAGES) {
      expect(parseSubject(message.subject)?.transport).toBe(message.transport);
    }
    expect(parseSubject('telephony.call.transfer_failed.v1')).toEqual({
      transport: 'jetstream',
      context: 'telephony',
      aggregate: 'call',
      action: 'transfer_failed',
      version: 1,
    });
    expect(parseSubject('rpc.billing.balance.get')).toEqual({
      transport: 'request-reply',
      context: 'billing',
      aggregate: 'balance',
      action: 'get',
    });
  });

  it('groups subjects by their own context', () => {
    for (const [group, subjects] of Object.entries(Subjects)) {
      for (const subject of Object.values(subjects)) expect(subject.startsWith(`${group.toLowerCase()}.`)).toBe(true);
    }
  });
});

describe('stream layout', () => {
  const events = eventStreamSubjects();
  const dlq = deadLetterStreamSubjects();

  it('captures every JetStream subject in the events stream', () => {
    expect(events).toEqual(CONTEXTS.map((c) => `${c}.>`));
    for (const subject of STREAM_SUBJECTS) expect(events.some((f) => matchesFilter(f, subject))).toBe(true);
  });

  it('never captures request/reply or dead-letter subjects in the events stream', () => {
    const others = [...RPC_SUBJECTS, '_INBOX.abc.1', deadLetterSubject('dialer-orchestrator', 'telephony.call.ended.v1')];
    for (const subject of others) expect(events.some((f) => matchesFilter(f, subject))).toBe(false);
  });

  it('captures dead letters only in the DLQ stream', () => {
    const parked = deadLetterSubject('billing', Subjects.Dialer.CallEnded);
    expect(parked).toBe('dlq.billing.dialer.call.ended.v1');
    expect(dlq.some((f) => matchesFilter(f, parked))).toBe(true);
    expect(parseDeadLetterSubject(parked)).toEqual({ consumer: 'billing', subject: 'dialer.call.ended.v1' });
    expect(parseDeadLetterSubject('dialer.call.ended.v1')).toBeUndefined();
  });

  it('isolates test prefixes from the shared streams', () => {
    expect(eventStreamSubjects('t42')).toContain('t42.dialer.>');
    expect(deadLetterStreamSubjects('t42')).toEqual(['t42.dlq.>']);
    expect(streamName('Events')).toBe('SANTRAL_EVENTS');
    expect(streamName('Events', 't42')).toBe('T42_EVENTS');
    expect(streamName('DeadLetters', 'run.7')).toBe('RUN_7_DLQ');
    const prefixed = withPrefix('t42', Subjects.Billing.BalanceLow);
    expect(events.some((f) => matchesFilter(f, prefixed))).toBe(false);
    expect(withoutPrefix('t42', prefixed)).toBe(Subjects.Billing.BalanceLow);
    expect(withoutPrefix('t4', prefixed)).toBe(prefixed);
    expect(deadLetterSubject('campaign', prefixed, 't42')).toBe('t42.dlq.campaign.billing.balance.low.v1');
    expect(parseDeadLetterSubject('t42.dlq.campaign.billing.balance.low.v1', 't42')).toEqual({
      consumer: 'campaign',
      subject: 'billing.balance.low.v1',
    });
  });

  it('names durable consumers with characters JetStream accepts', () => {
    expect(durableName('dialer-orchestrator', 'telephony.call.ended.v1')).toBe(
      'dialer-orchestrator__telephony_call_ended_v1',
    );
    expect(durableName('billing', 'dialer.>')).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('gives each service a registered ping subject', () => {
    expect(rpcPingSubject('billing')).toBe('rpc.billing.health.ping');
    expect(rpcPingSubject('dialer-orchestrator')).toBe('rpc.dialer.health.ping');
    expect(rpcPingSubject('telephony-gateway')).toBe('rpc.telephony.health.ping');
    for (const service of ['campaign', 'transcript', 'ticketing'] as const) {
      expect(MessageRegistry[rpcPingSubject(service) as keyof typeof MessageRegistry].kind).toBe('query');
    }
  });
});
