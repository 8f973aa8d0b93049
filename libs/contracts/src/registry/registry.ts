import type { AnySubject } from '../subjects';
import { billingMessages, ticketingMessages, transcriptMessages } from './billing-transcript-ticketing.registry';
import type { MessageEntry } from './define';
import { dialerMessages } from './dialer.registry';
import { campaignMessages, gatewayMessages } from './gateway-campaign.registry';
import { rpcMessages } from './rpc.registry';
import { telephonyMessages } from './telephony.registry';

/**
 * subject → what travels on it. Used by libs/messaging to validate incoming payloads and
 * by the AsyncAPI generator. `satisfies` makes a subject without an entry a compile error.
 */
export const MessageRegistry = {
  ...gatewayMessages,
  ...campaignMessages,
  ...dialerMessages,
  ...telephonyMessages,
  ...billingMessages,
  ...transcriptMessages,
  ...ticketingMessages,
  ...rpcMessages,
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
