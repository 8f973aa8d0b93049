import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MESSAGES, Rpc, serviceInfo, Subjects, type MessageDefinition, type ServiceName } from '../index';

/**
 * Keeps `status` honest: a message is `stable` exactly when the source of a service that
 * produces it (for request/reply: requests or answers it) names its subject. Reads apps/ as
 * text only; libs never import apps.
 */

const APPS = resolve(__dirname, '../../../../apps');

interface SourceFile {
  path: string;
  text: string;
}

/** Production TypeScript of one app: apps/<service>/src without its tests. */
function productionSources(service: ServiceName): SourceFile[] {
  const root = join(APPS, service, 'src');
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(path))
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/** Where a subject's constant lives: `Subjects.<group>.<key>` or `Rpc.<group>.<key>`. */
function constantOf(subject: string): { table: 'Subjects' | 'Rpc'; group: string; key: string } {
  for (const table of ['Subjects', 'Rpc'] as const) {
    const groups: Record<string, Record<string, string>> = table === 'Subjects' ? Subjects : Rpc;
    for (const [group, keys] of Object.entries(groups)) {
      const key = Object.keys(keys).find((k) => keys[k] === subject);
      if (key) return { table, group, key };
    }
  }
  throw new Error(`${subject} has no constant`);
}

/**
 * Does this app's source name the message's subject? Accepted forms: `Subjects.<Group>.<Key>`,
 * `<Group>Subjects.<Key>`, `Rpc.<Group>.<Key>`; a health ping is the kit's, for every rpc service.
 */
function namesSubject(files: readonly SourceFile[], subject: string, service: ServiceName): boolean {
  const { table, group, key } = constantOf(subject);
  // libs/service-kit answers rpc.<context>.health.ping for every service services.json marks rpc.
  if (table === 'Rpc' && key === 'HealthPing') return serviceInfo(service).rpc;
  const forms =
    table === 'Rpc'
      ? [`Rpc\\.${group}\\.${key}\\b`, ...(key === 'HealthPing' ? [`rpcPingSubject\\(\\s*'${service}'\\s*\\)`] : [])]
      : [`\\bSubjects\\.${group}\\.${key}\\b`, `\\b${group}Subjects\\.${key}\\b`];
  const canonical = new RegExp(forms.join('|'));
  return files.some((file) => canonical.test(file.text));
}

/** The services whose code would show that the message is in use. */
function witnessesOf(message: MessageDefinition): ServiceName[] {
  const services = message.transport === 'request-reply' ? [...message.producers, ...message.consumers] : message.producers;
  return [...new Set(services)];
}

describe('message status (stable = produced today)', () => {
  const sources = new Map<ServiceName, SourceFile[]>();
  const sourcesOf = (service: ServiceName) => {
    if (!sources.has(service)) sources.set(service, productionSources(service));
    return sources.get(service) ?? [];
  };

  it.each(MESSAGES.map((m) => [m.subject, m] as const))('%s', (subject, message) => {
    const naming = witnessesOf(message).filter((service) => namesSubject(sourcesOf(service), subject, service));
    // stable ⇔ some producer (or requester/answerer) names it; on failure, mark it or wire it up
    expect({ subject, status: message.status, namedBy: naming }).toEqual({
      subject,
      status: naming.length > 0 ? 'stable' : 'draft',
      namedBy: naming,
    });
  });

  it('recognizes the canonical forms and nothing looser (the check can fail)', () => {
    const file = (text: string): SourceFile[] => [{ path: 'x.ts', text }];
    expect(namesSubject(file('publish(Subjects.Dialer.CallEnded, data)'), 'dialer.call.ended.v1', 'dialer-orchestrator')).toBe(true);
    expect(namesSubject(file('bus.subscribe(DialerSubjects.CallEnded)'), 'dialer.call.ended.v1', 'dialer-orchestrator')).toBe(true);
    expect(namesSubject(file('@MessagePattern(Rpc.Billing.BalanceGet)'), 'rpc.billing.balance.get', 'billing')).toBe(true);
    expect(namesSubject([], 'rpc.billing.health.ping', 'billing')).toBe(true); // the kit answers it
    expect(namesSubject(file('Subjects.Dialer.CallEndedLater'), 'dialer.call.ended.v1', 'dialer-orchestrator')).toBe(false);
    expect(namesSubject(file('Subjects.Telephony.CallEnded'), 'dialer.call.ended.v1', 'dialer-orchestrator')).toBe(false);
    expect(namesSubject(file("'dialer.call.ended.v1'"), 'dialer.call.ended.v1', 'dialer-orchestrator')).toBe(false);
    expect(namesSubject(file("subjects.of('CallEnded')"), 'telephony.call.ended.v1', 'telephony-gateway')).toBe(false);
  });
});
