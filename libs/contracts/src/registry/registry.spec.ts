import {
  COMPONENTS_REF_PREFIX,
  MESSAGES,
  MESSAGE_STATUSES,
  SERVICE_CONTEXT,
  buildPayloadSchemas,
  messageFor,
  parseSubject,
  type PayloadOf,
  type ReplyOf,
  type SubjectOfKind,
  type SubjectOfTransport,
} from '../index';

describe('message registry', () => {
  it.each(MESSAGES.map((m) => [m.subject, m] as const))('%s is described completely', (_subject, message) => {
    expect(message.description.length).toBeGreaterThan(10);
    expect(message.producers.length).toBeGreaterThan(0);
    expect(typeof message.payload).toBe('function');
    expect(new Set(message.consumers).size).toBe(message.consumers.length);
    expect(MESSAGE_STATUSES).toContain(message.status);
  });

  it('has exactly one producer per event: the service owning the subject context', () => {
    for (const message of MESSAGES.filter((m) => m.kind === 'event')) {
      expect(message.producers).toHaveLength(1);
      expect(SERVICE_CONTEXT[message.producers[0]]).toBe(parseSubject(message.subject)?.context);
    }
  });

  it('sends each command to the service owning its context', () => {
    for (const message of MESSAGES.filter((m) => m.kind !== 'event')) {
      expect(message.consumers).toHaveLength(1);
      expect(SERVICE_CONTEXT[message.consumers[0]]).toBe(parseSubject(message.subject)?.context);
    }
  });

  it('keeps events on JetStream, queries on request/reply, and gives every request a reply body', () => {
    for (const message of MESSAGES) {
      if (message.kind === 'query') expect(message.transport).toBe('request-reply');
      if (message.kind === 'event') expect(message.transport).toBe('jetstream');
      expect(message.reply !== undefined).toBe(message.transport === 'request-reply');
    }
  });

  it('fans every public event out to api-gateway (webhooks, SSE) and keeps commands private', () => {
    for (const message of MESSAGES) {
      if (message.public) expect(message.consumers).toContain('api-gateway');
      if (message.kind !== 'event') expect(message.public).toBe(false);
    }
  });

  it('names payload classes uniquely (schemas are keyed by class name)', () => {
    const byName = new Map<string, unknown>();
    for (const cls of MESSAGES.flatMap((m) => (m.reply ? [m.payload, m.reply] : [m.payload]))) {
      expect(byName.get(cls.name) ?? cls).toBe(cls);
      byName.set(cls.name, cls);
    }
  });

  it('scopes every JetStream payload to an organization (invariant 6)', () => {
    const schemas = buildPayloadSchemas();
    for (const message of MESSAGES.filter((m) => m.transport === 'jetstream')) {
      expect({ subject: message.subject, required: schemas[message.payload.name].required }).toEqual({
        subject: message.subject,
        required: expect.arrayContaining(['organizationId']),
      });
    }
  });

  it('builds a closed JSON Schema for every payload, with resolvable $refs', () => {
    const schemas = buildPayloadSchemas();
    const text = JSON.stringify(schemas);
    for (const [, name] of text.matchAll(/"\$ref":"([^"]+)"/g)) {
      expect(schemas[name.slice(COMPONENTS_REF_PREFIX.length)]).toBeDefined();
    }
    for (const message of MESSAGES) {
      const schema = schemas[message.payload.name];
      expect(schema).toMatchObject({ type: 'object', additionalProperties: false });
    }
    expect(schemas.OrganizationLimitsV1.properties).toMatchObject({
      concurrentSlots: { type: 'integer', minimum: 1 },
    });
  });

  it('looks messages up by subject', () => {
    expect(messageFor('telephony.call.originate.v1')?.kind).toBe('command');
    expect(messageFor('nope.nope.nope.v1')).toBeUndefined();
  });

  it('types subjects and payloads (checked by tsc)', () => {
    const event: SubjectOfKind<'event'> = 'dialer.call.ended.v1';
    // @ts-expect-error a command is not an event
    const notEvent: SubjectOfKind<'event'> = 'telephony.call.originate.v1';
    const rpc: SubjectOfTransport<'request-reply'> = 'rpc.billing.balance.get';
    // @ts-expect-error an event is not request/reply
    const notRpc: SubjectOfTransport<'request-reply'> = 'dialer.call.ended.v1';
    const payload: PayloadOf<'billing.balance.low.v1'> = { organizationId: 'o', balance: 1, threshold: 2 };
    const reply: ReplyOf<'rpc.billing.balance.get'>['available'] = 3;
    expect([event, notEvent, rpc, notRpc, payload.balance, reply]).toHaveLength(6);
  });
});
