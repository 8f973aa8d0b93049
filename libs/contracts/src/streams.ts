// The JSON itself, not services.ts: this module is loaded early by the registries, and a cycle would leave SERVICES undefined here.
import registry from './services/services.json';
import { CONTEXTS, type Context } from './subjects';
import type { ServiceName } from './vocabulary';

/**
 * JetStream layout.
 *
 * - SANTRAL_EVENTS captures `<context>.>` for the seven contexts: every versioned event and
 *   command. Nothing else may start with a context token.
 * - SANTRAL_DLQ captures `dlq.>`: `dlq.<consumer service>.<original subject>`.
 * - Request/reply lives under `rpc.>` and `_INBOX.>`, which no stream captures.
 *
 * Tests isolate themselves with a prefix (`t42` → `t42.dialer.>`, stream `T42_EVENTS`);
 * every helper takes it optionally. Application code uses the unprefixed constants and
 * libs/messaging adds/strips the prefix at the edge.
 */
export const Streams = {
  Events: 'SANTRAL_EVENTS',
  DeadLetters: 'SANTRAL_DLQ',
} as const;

export const RPC_PREFIX = 'rpc';
export const DEAD_LETTER_PREFIX = 'dlq';

/** The context token each service publishes under. */
export const SERVICE_CONTEXT: Readonly<Record<ServiceName, Context>> = Object.fromEntries(
  registry.map((s) => [s.name, s.context]),
) as Record<ServiceName, Context>;

/** CloudEvents `source` for a service: `santral/<service>`. */
export function sourceOf(service: ServiceName): string {
  return `santral/${service}`;
}

export function withPrefix(prefix: string | undefined, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** Removes a test prefix; returns the subject unchanged when it does not carry it. */
export function withoutPrefix(prefix: string | undefined, subject: string): string {
  return prefix && subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : subject;
}

/** Stream name for an optional prefix: `SANTRAL_EVENTS` or `T42_EVENTS`. */
export function streamName(stream: keyof typeof Streams, prefix?: string): string {
  const base = Streams[stream];
  if (!prefix) return base;
  return `${prefix.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}_${base.slice('SANTRAL_'.length)}`;
}

/** Subjects the events stream captures. */
export function eventStreamSubjects(prefix?: string): string[] {
  return CONTEXTS.map((context) => withPrefix(prefix, `${context}.>`));
}

/** Where a bus's dead letters go: `dlq`, or `<prefix>.dlq` for a test's own bus. */
export function deadLetterSubjectPrefix(prefix?: string): string {
  return withPrefix(prefix, DEAD_LETTER_PREFIX);
}

/** Subjects the dead-letter stream captures. */
export function deadLetterStreamSubjects(prefix?: string): string[] {
  return [`${deadLetterSubjectPrefix(prefix)}.>`];
}

/** Where a consumer parks a message it gave up on: `dlq.<service>.<original subject>`. */
export function deadLetterSubject(consumer: string, subject: string, prefix?: string): string {
  return `${deadLetterSubjectPrefix(prefix)}.${consumer}.${withoutPrefix(prefix, subject)}`;
}

/** Inverse of deadLetterSubject, or undefined when the subject is not a dead letter. */
export function parseDeadLetterSubject(
  subject: string,
  prefix?: string,
): { consumer: string; subject: string } | undefined {
  const match = /^dlq\.([a-z0-9_-]+)\.(.+)$/.exec(withoutPrefix(prefix, subject));
  return match ? { consumer: match[1], subject: match[2] } : undefined;
}

/**
 * Durable consumer name of a service's subscription: `<service>__<subject or name>`, with what
 * durable names do not allow replaced (`dialer-orchestrator__telephony_call_ended_v1`).
 */
export function durableName(service: string, subjectOrName: string): string {
  return `${service}__${subjectOrName}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
