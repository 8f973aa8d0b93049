import { billingMessages } from '../billing/billing.registry';
import { campaignMessages } from '../campaign/campaign.registry';
import { dialerMessages } from '../dialer/dialer.registry';
import { gatewayMessages } from '../gateway/gateway.registry';
import type { AnySubject } from '../subjects';
import { telephonyMessages } from '../telephony/telephony.registry';
import { ticketingMessages } from '../ticketing/ticketing.registry';
import { transcriptMessages } from '../transcript/transcript.registry';
import type { MessageEntry } from './define';

/**
 * subject → what travels on it. Used by libs/messaging to validate incoming payloads and
 * by the AsyncAPI generator. Each context's entries live beside its subjects in
 * `<context>/<context>.registry.ts`; `satisfies` checks every subject of `Subjects` and `Rpc` has one.
 */
export const MessageRegistry = {
  ...gatewayMessages,
  ...campaignMessages,
  ...dialerMessages,
  ...telephonyMessages,
  ...billingMessages,
  ...transcriptMessages,
  ...ticketingMessages,
} satisfies Record<AnySubject, MessageEntry>;

export type RegisteredSubject = keyof typeof MessageRegistry;

type EntryOf<S extends RegisteredSubject> = (typeof MessageRegistry)[S];

/** The payload type of a subject: `PayloadOf<'telephony.call.ended.v1'>` is TelephonyCallEndedV1. */
export type PayloadOf<S extends RegisteredSubject> = EntryOf<S> extends MessageEntry<infer T> ? T : never;

/** The reply type of a request/reply subject. */
export type ReplyOf<S extends RegisteredSubject> =
  EntryOf<S> extends { reply: new () => infer R } ? R : never;

/** Subjects of a kind, as a type: `SubjectOfKind<'event'>` is every event subject. */
export type SubjectOfKind<K extends MessageEntry['kind']> = {
  [S in RegisteredSubject]: EntryOf<S>['kind'] extends K ? S : never;
}[RegisteredSubject];

/** Subjects of a transport: `SubjectOfTransport<'jetstream'>` for the outbox, `'request-reply'` for RPC. */
export type SubjectOfTransport<T extends MessageEntry['transport']> = {
  [S in RegisteredSubject]: EntryOf<S>['transport'] extends T ? S : never;
}[RegisteredSubject];

export interface MessageDefinition extends MessageEntry {
  subject: RegisteredSubject;
}

/** Every registered message, each with its subject. */
export const MESSAGES: readonly MessageDefinition[] = Object.entries(MessageRegistry).map(
  ([subject, entry]: [string, MessageEntry]) => ({ subject: subject as RegisteredSubject, ...entry }),
);

const bySubject = new Map<string, MessageDefinition>(MESSAGES.map((message) => [message.subject, message]));

export function isRegisteredSubject(subject: string): subject is RegisteredSubject {
  return bySubject.has(subject);
}

export function messageFor(subject: string): MessageDefinition | undefined {
  return bySubject.get(subject);
}
