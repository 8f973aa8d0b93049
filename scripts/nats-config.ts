/**
 * Writes nats-server's authorization block from services.json and the contracts registry: one
 * NATS user per service, allowed to publish and subscribe exactly the subjects the registry says
 * it produces and consumes (README "Trust model").
 *
 *   npx tsx scripts/nats-config.ts            write deploy/nats/authorization.conf
 *   npx tsx scripts/nats-config.ts --check    exit 1 when the checked-in file is stale
 *   npx tsx scripts/nats-config.ts --server <file> --port <n> --store <dir>
 *                                             a whole server config with it (npm start)
 *
 * Passwords are never in the file: each user's is `$NATS_PASSWORD_<SERVICE>`, which nats-server
 * reads from its environment (and refuses to start without).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { durableName, importBucketName, MESSAGES, SERVICES, streamName, deadLetterSubjectPrefix, type MessageDefinition } from '../libs/contracts/src';
import { natsInboxPrefix } from '../libs/messaging/src/connection/nats-identity';

export const AUTHORIZATION_FILE = resolve(__dirname, '..', 'deploy', 'nats', 'authorization.conf');

/** The operator's user (`npm run dlq`, the nats CLI): everything. Not a service's. */
export const OPS_USER = 'santral-ops';

export interface NatsUser {
  user: string;
  /** The environment variable nats-server reads the password from. */
  passwordVariable: string;
  publish: string[];
  subscribe: string[];
  /** May answer requests (publish once to the reply subject of a request it received). */
  allowResponses: boolean;
}

/** `NATS_PASSWORD_DIALER_ORCHESTRATOR` for dialer-orchestrator. */
export function passwordVariable(user: string): string {
  return `NATS_PASSWORD_${user.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

const EVENTS = streamName('Events');
const DEAD_LETTERS = streamName('DeadLetters');

/** What a service needs of the JetStream API to consume `subject` through its durable. */
function durableSubjects(service: string, subject: string): string[] {
  const durable = durableName(service, subject);
  return [
    // The 2.9 create API names the filter in the subject, so the server holds the durable to it.
    `$JS.API.CONSUMER.CREATE.${EVENTS}.${durable}.${subject}`,
    `$JS.API.CONSUMER.INFO.${EVENTS}.${durable}`,
    `$JS.API.CONSUMER.MSG.NEXT.${EVENTS}.${durable}`,
    `$JS.ACK.${EVENTS}.${durable}.>`,
  ];
}

/** Every service ensures the two streams at boot (merging subjects; never deleting). */
const STREAM_API = ['$JS.API.INFO', ...[EVENTS, DEAD_LETTERS].flatMap((s) => ['INFO', 'CREATE', 'UPDATE'].map((op) => `$JS.API.STREAM.${op}.${s}`))];

/**
 * JetStream Object Store buckets and who may use them: the api-gateway streams an upload into the
 * import bucket, the campaign service reads it back and deletes it (B3). Each service's rights
 * are scoped to the bucket's own stream (`OBJ_<bucket>`) and subjects (`$O.<bucket>.>`).
 */
export const OBJECT_STORES: ReadonlyArray<{ bucket: string; writers: readonly string[]; readers: readonly string[] }> = [
  { bucket: importBucketName(undefined), writers: ['api-gateway'], readers: ['campaign'] },
];

/** What using a bucket takes: write (create it, put chunks and the meta), or read (an ordered consumer) and delete. */
function objectStoreSubjects(service: string): string[] {
  return OBJECT_STORES.flatMap(({ bucket, writers, readers }) => {
    const writes = writers.includes(service);
    const reads = readers.includes(service);
    if (!writes && !reads) return [];
    const stream = `OBJ_${bucket}`;
    return [
      `$O.${bucket}.>`,
      `$JS.API.STREAM.INFO.${stream}`,
      `$JS.API.STREAM.MSG.GET.${stream}`,
      `$JS.API.DIRECT.GET.${stream}.>`,
      `$JS.API.STREAM.PURGE.${stream}`,
      ...(writes ? [`$JS.API.STREAM.CREATE.${stream}`, `$JS.API.STREAM.UPDATE.${stream}`] : []),
      ...(reads
        ? [`$JS.API.CONSUMER.CREATE.${stream}`, `$JS.API.CONSUMER.CREATE.${stream}.>`, `$JS.API.CONSUMER.DELETE.${stream}.>`, `$JS.API.CONSUMER.INFO.${stream}.>`, `$JS.FC.${stream}.>`]
        : []),
    ];
  });
}

/**
 * Services that read a whole stream through ordered consumers of their own (no durable, no queue
 * group): the api-gateway's live event stream, one per replica and one per Last-Event-ID resume.
 * Consumer names carry no dots, so the rights cover any name on that stream, not only its own.
 */
export const ORDERED_READERS: ReadonlyArray<{ service: string; stream: string }> = [{ service: 'api-gateway', stream: EVENTS }];

function orderedReaderSubjects(service: string): string[] {
  return ORDERED_READERS.filter((r) => r.service === service).flatMap(({ stream }) =>
    ['CREATE', 'INFO', 'DELETE', 'MSG.NEXT'].map((op) => `$JS.API.CONSUMER.${op}.${stream}.*`),
  );
}

function userOf(service: string, messages: readonly MessageDefinition[]): NatsUser {
  const produced = messages.filter((m) => (m.producers as readonly string[]).includes(service));
  const consumed = messages.filter((m) => (m.consumers as readonly string[]).includes(service));
  const consumedEvents = consumed.filter((m) => m.transport === 'jetstream');
  const answered = consumed.filter((m) => m.transport === 'request-reply');
  const publish = [
    ...produced.map((m) => m.subject),
    ...(consumedEvents.length ? [`${deadLetterSubjectPrefix()}.${service}.>`] : []),
    ...STREAM_API,
    ...consumedEvents.flatMap((m) => durableSubjects(service, m.subject)),
    ...objectStoreSubjects(service),
    ...orderedReaderSubjects(service),
  ];
  const subscribe = [...answered.map((m) => m.subject), `${natsInboxPrefix(service)}.>`];
  return { user: service, passwordVariable: passwordVariable(service), publish: unique(publish), subscribe: unique(subscribe), allowResponses: answered.length > 0 };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** One user per service of services.json, then the operator's. */
export function natsUsers(messages: readonly MessageDefinition[] = MESSAGES, services: readonly { name: string }[] = SERVICES): NatsUser[] {
  const ops: NatsUser = { user: OPS_USER, passwordVariable: passwordVariable('ops'), publish: ['>'], subscribe: ['>'], allowResponses: false };
  return [...services.map((s) => userOf(s.name, messages)), ops];
}

const list = (xs: string[], indent: string): string => `[\n${xs.map((x) => `${indent}  ${JSON.stringify(x)}`).join('\n')}\n${indent}]`;

/** nats-server's `authorization { users = [...] }` block. */
export function renderAuthorization(users: NatsUser[] = natsUsers()): string {
  const blocks = users.map((u) =>
    [
      '    {',
      `      user: ${JSON.stringify(u.user)}`,
      `      password: $${u.passwordVariable}`,
      '      permissions: {',
      `        publish: { allow: ${list(u.publish, '        ')} }`,
      `        subscribe: { allow: ${list(u.subscribe, '        ')} }`,
      ...(u.allowResponses ? ['        allow_responses: true'] : []),
      '      }',
      '    }',
    ].join('\n'),
  );
  return [
    '# Generated by scripts/nats-config.ts from services.json and the contracts registry; do not edit.',
    '# `npx tsx scripts/nats-config.ts` rewrites it; scripts/nats-config.spec.ts fails when it is stale.',
    'authorization {',
    '  users = [',
    blocks.join('\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}

export interface LocalServerOptions {
  host: string;
  port: number;
  storeDir: string;
  users?: NatsUser[];
}

/** A single-node JetStream server with the authorization block (npm start, integration tests). */
export function renderServerConfig(o: LocalServerOptions): string {
  return [`listen: ${JSON.stringify(`${o.host}:${o.port}`)}`, `jetstream { store_dir: ${JSON.stringify(o.storeDir)} }`, renderAuthorization(o.users)].join('\n');
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function main(): void {
  const server = arg('--server');
  if (server) {
    mkdirSync(dirname(server), { recursive: true });
    const config = renderServerConfig({ host: arg('--host') ?? '127.0.0.1', port: Number(arg('--port') ?? 4222), storeDir: resolve(arg('--store') ?? '.') });
    writeFileSync(server, config, { mode: 0o600 });
    return;
  }
  const rendered = renderAuthorization();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(AUTHORIZATION_FILE, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current !== rendered) {
      process.stderr.write('deploy/nats/authorization.conf is stale: run `npx tsx scripts/nats-config.ts`\n');
      process.exit(1);
    }
    return;
  }
  writeFileSync(AUTHORIZATION_FILE, rendered);
  process.stdout.write(`wrote ${AUTHORIZATION_FILE}\n`);
}

if (require.main === module) main();
