import type { ServiceName } from '../vocabulary';

export type MessageKind = 'event' | 'command' | 'query';
export type MessageTransport = 'jetstream' | 'request-reply';
/**
 * `stable`: a service produces it today; integrators may rely on it (it changes additively).
 * `draft`: planned, nothing produces it yet; it may still change or go away. Shown in the
 * AsyncAPI catalog as `x-santral-status`; registry/message-status.spec.ts checks it against apps/.
 */
export type MessageStatus = 'stable' | 'draft';
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['stable', 'draft'];

/** A class-validator payload class (data part only). */
export type PayloadClass<T extends object = object> = new () => T;

/** What the registry knows about one subject. */
export interface MessageEntry<T extends object = object, R extends object = object> {
  kind: MessageKind;
  transport: MessageTransport;
  payload: PayloadClass<T>;
  /** Reply body of a request/reply subject. */
  reply?: PayloadClass<R>;
  description: string;
  /** Services that publish / send / request it. */
  producers: readonly ServiceName[];
  /** Services that subscribe / handle / answer it. */
  consumers: readonly ServiceName[];
  /** Offered to integrators as outbound webhooks and SSE (api-gateway fans it out, K6). */
  public: boolean;
  status: MessageStatus;
}

/**
 * The entries of one context's registry file: exactly one per subject constant, so a subject
 * without its entry (or an entry without its subject) fails to compile in that file.
 */
export type EntriesOf<Subjects extends Record<string, string>> = Record<Subjects[keyof Subjects], MessageEntry>;

export type EventEntry<T extends object> = MessageEntry<T> & { kind: 'event'; transport: 'jetstream' };
export type CommandEntry<T extends object> = MessageEntry<T> & { kind: 'command'; transport: 'jetstream' };
export type RequestEntry<T extends object, R extends object, K extends 'command' | 'query'> = MessageEntry<T, R> & {
  kind: K;
  transport: 'request-reply';
  reply: PayloadClass<R>;
};

interface StatusOption {
  /** Default 'draft': a new message is a plan until some service produces it. */
  status?: MessageStatus;
}

interface EventOptions extends StatusOption {
  description: string;
  producer: ServiceName;
  consumers: readonly ServiceName[];
  /** Default true: events are facts integrators may subscribe to. */
  public?: boolean;
}

/** A domain event on JetStream; public events are also consumed by api-gateway (webhooks, SSE). */
export function event<T extends object>(payload: PayloadClass<T>, options: EventOptions): EventEntry<T> {
  const isPublic = options.public ?? true;
  const consumers = isPublic ? [...new Set([...options.consumers, 'api-gateway' as const])] : options.consumers;
  return {
    kind: 'event',
    transport: 'jetstream',
    payload,
    description: options.description,
    producers: [options.producer],
    consumers,
    public: isPublic,
    status: options.status ?? 'draft',
  };
}

interface CommandOptions extends StatusOption {
  description: string;
  producers: readonly ServiceName[];
  consumer: ServiceName;
}

/** A durable command on JetStream (written through the sender's outbox). */
export function command<T extends object>(payload: PayloadClass<T>, options: CommandOptions): CommandEntry<T> {
  return {
    kind: 'command',
    transport: 'jetstream',
    payload,
    description: options.description,
    producers: options.producers,
    consumers: [options.consumer],
    public: false,
    status: options.status ?? 'draft',
  };
}

/** A request/reply message: a query, or a command whose caller needs the answer now. */
export function request<T extends object, R extends object, K extends 'command' | 'query'>(
  kind: K,
  payload: PayloadClass<T>,
  reply: PayloadClass<R>,
  options: CommandOptions,
): RequestEntry<T, R, K> {
  return {
    kind,
    transport: 'request-reply',
    payload,
    reply,
    description: options.description,
    producers: options.producers,
    consumers: [options.consumer],
    public: false,
    status: options.status ?? 'draft',
  };
}
