import { buildPayloadSchemas, COMPONENTS_REF_PREFIX, type JsonSchema } from './json-schema';
import { MESSAGES, type MessageDefinition } from './registry/registry';
import { sourceOf, Streams } from './streams';
import { TIMESTAMP_PATTERN } from './validation/decorators';
import type { ServiceName } from './vocabulary';

export type AsyncApiDocument = Record<string, unknown> & { asyncapi: '3.0.0' };

/** Specification extension marking each channel and message `stable` or `draft` (MessageStatus). */
export const STATUS_EXTENSION = 'x-santral-status';

/** Where the checked-in catalog lives, relative to the repository root. */
export const ASYNCAPI_FILE = 'libs/contracts/asyncapi.json';

const DESCRIPTION = [
  'The NATS subjects of Santral, generated from libs/contracts (do not edit by hand: `npm run asyncapi`).',
  '',
  `Events and commands travel on JetStream (stream ${Streams.Events}, subjects \`<context>.>\`) inside a`,
  'CloudEvents 1.0 envelope whose `type` is the subject; `Nats-Msg-Id` is the envelope id (UUIDv7).',
  'Events are `<context>.<aggregate>.<past-tense>.v<N>`, commands `<context>.<aggregate>.<imperative>.v<N>`.',
  'Consumers must tolerate redelivery and reordering; they dedupe on the envelope id.',
  '',
  'Queries and synchronous commands use core NATS request/reply on `rpc.<context>.<noun>.<verb>`, which',
  'no stream captures; the body is the bare payload and a failure replies with a DomainError wire object.',
  `Dead letters: \`dlq.<consumer>.<original subject>\` in stream ${Streams.DeadLetters}.`,
  '',
  `Every channel and message carries \`${STATUS_EXTENSION}\`: \`stable\` is produced today and changes only`,
  'additively (a breaking change is a new version or verb); `draft` is planned, nothing produces it yet,',
  'and it may still change or go away.',
].join('\n');

/** `telephony.call.ended.v1` → `telephonyCallEndedV1`. */
export function channelIdOf(subject: string): string {
  return subject
    .split(/[._]/)
    .map((part, index) => (index === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

function serviceId(service: ServiceName): string {
  return channelIdOf(service.replace(/-/g, '_'));
}

const ref = ($ref: string) => ({ $ref });

function envelopeSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'CloudEvents 1.0 attributes plus Santral extensions (orgid, correlationid, causationid, traceparent).',
    required: ['specversion', 'id', 'source', 'type', 'time', 'datacontenttype', 'data', 'orgid', 'correlationid', 'causationid'],
    properties: {
      specversion: { type: 'string', const: '1.0' },
      id: { type: 'string', format: 'uuid', description: 'UUIDv7; also the Nats-Msg-Id and the inbox key.' },
      source: { type: 'string', description: 'santral/<service>' },
      type: { type: 'string', description: 'The subject, e.g. dialer.call.answered.v1.' },
      time: { type: 'string', format: 'date-time', pattern: TIMESTAMP_PATTERN.source },
      subject: { type: 'string', description: 'Aggregate id (call id, campaign id, …).' },
      datacontenttype: { type: 'string', const: 'application/json' },
      data: { type: 'object' },
      orgid: { type: ['string', 'null'], description: 'Organization (tenant); null only for platform events.' },
      correlationid: { type: 'string' },
      causationid: { type: ['string', 'null'] },
      traceparent: { type: 'string', pattern: '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$' },
    },
  };
}

function domainErrorSchema(): JsonSchema {
  return {
    type: 'object',
    description: 'Error reply of a request/reply subject (DomainError.toWire()).',
    required: ['kind', 'code'],
    properties: {
      kind: { type: 'string', const: 'santral.domain-error' },
      code: { type: 'string', description: 'A stable error code from libs/contracts.' },
      detail: { type: 'string' },
      extra: { type: 'object' },
    },
  };
}

function streamMessage(message: MessageDefinition): JsonSchema {
  const sources = message.producers.map(sourceOf);
  return {
    name: message.payload.name,
    title: message.subject,
    summary: message.description,
    contentType: 'application/json',
    tags: [{ name: message.kind }],
    [STATUS_EXTENSION]: message.status,
    headers: {
      type: 'object',
      properties: { 'Nats-Msg-Id': { type: 'string', description: 'Equals the envelope id (duplicate window).' } },
    },
    correlationId: ref('#/components/correlationIds/correlation'),
    payload: {
      allOf: [
        ref(`${COMPONENTS_REF_PREFIX}EventEnvelope`),
        {
          type: 'object',
          properties: {
            type: { type: 'string', const: message.subject },
            source: { type: 'string', enum: sources },
            data: ref(`${COMPONENTS_REF_PREFIX}${message.payload.name}`),
          },
        },
      ],
    },
  };
}

function rpcMessage(message: MessageDefinition, part: 'request' | 'reply'): JsonSchema {
  const cls = part === 'request' ? message.payload : message.reply;
  return {
    name: cls?.name,
    title: part === 'request' ? message.subject : `${message.subject} (reply)`,
    summary: part === 'request' ? message.description : `Reply to ${message.subject}.`,
    contentType: 'application/json',
    tags: [{ name: message.kind }],
    [STATUS_EXTENSION]: message.status,
    payload: ref(`${COMPONENTS_REF_PREFIX}${cls?.name}`),
  };
}

/** Builds the AsyncAPI 3.0.0 catalog from the registry. Deterministic: same registry, same document. */
export function buildAsyncApiDocument(): AsyncApiDocument {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {
    domainError: { name: 'DomainError', title: 'Error reply', contentType: 'application/json', payload: ref(`${COMPONENTS_REF_PREFIX}DomainErrorWire`) },
  };

  for (const message of MESSAGES) {
    const id = channelIdOf(message.subject);
    const isRpc = message.transport === 'request-reply';
    messages[id] = isRpc ? rpcMessage(message, 'request') : streamMessage(message);
    channels[id] = {
      address: message.subject,
      title: message.subject,
      description: message.description,
      [STATUS_EXTENSION]: message.status,
      messages: { [id]: ref(`#/components/messages/${id}`) },
    };
    let reply: unknown;
    if (isRpc) {
      const replyId = `${id}Reply`;
      messages[replyId] = rpcMessage(message, 'reply');
      channels[replyId] = {
        address: null,
        description: `The requester's inbox for replies to ${message.subject}.`,
        [STATUS_EXTENSION]: message.status,
        messages: { [replyId]: ref(`#/components/messages/${replyId}`), domainError: ref('#/components/messages/domainError') },
      };
      reply = {
        channel: ref(`#/channels/${replyId}`),
        messages: [ref(`#/channels/${replyId}/messages/${replyId}`), ref(`#/channels/${replyId}/messages/domainError`)],
      };
    }
    const operation = (service: ServiceName, action: 'send' | 'receive') => ({
      action,
      channel: ref(`#/channels/${id}`),
      messages: [ref(`#/channels/${id}/messages/${id}`)],
      summary: `${service} ${action === 'send' ? (isRpc ? 'requests' : 'publishes') : isRpc ? 'answers' : 'consumes'} ${message.subject}`,
      tags: [{ name: service }],
      ...(reply ? { reply } : {}),
    });
    for (const producer of message.producers) operations[`${serviceId(producer)}_send_${id}`] = operation(producer, 'send');
    for (const consumer of message.consumers) operations[`${serviceId(consumer)}_receive_${id}`] = operation(consumer, 'receive');
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Santral messages',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'UNLICENSED' },
      tags: [{ name: 'event' }, { name: 'command' }, { name: 'query' }],
    },
    defaultContentType: 'application/json',
    servers: {
      nats: { host: 'localhost:4222', protocol: 'nats', description: 'NATS with JetStream (NATS_URL).' },
    },
    channels,
    operations,
    components: {
      schemas: { EventEnvelope: envelopeSchema(), DomainErrorWire: domainErrorSchema(), ...buildPayloadSchemas() },
      messages,
      correlationIds: {
        correlation: { description: 'Shared by every message of one causal chain.', location: '$message.payload#/correlationid' },
      },
    },
  };
}

/** The catalog as written to ASYNCAPI_FILE. */
export function renderAsyncApiDocument(): string {
  return `${JSON.stringify(buildAsyncApiDocument(), null, 2)}\n`;
}
