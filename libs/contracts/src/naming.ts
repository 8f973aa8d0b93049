import { CONTEXTS, type Context } from './subjects';

const CONTEXT = `(${CONTEXTS.join('|')})`;
const WORD = '([a-z]+(?:_[a-z]+)*)';

/** `<context>.<aggregate>.<action>.v<N>` — events and commands on JetStream. */
export const STREAM_SUBJECT_PATTERN = new RegExp(`^${CONTEXT}\\.${WORD}\\.${WORD}\\.v([1-9]\\d*)$`);
/** `rpc.<context>.<noun>.<verb>` — core request/reply. */
export const RPC_SUBJECT_PATTERN = new RegExp(`^rpc\\.${CONTEXT}\\.${WORD}\\.${WORD}$`);

/** Imperative verbs a command may end in. */
export const COMMAND_VERBS = ['originate', 'hangup', 'transfer', 'send'] as const;
/** State words allowed as event actions besides past participles (`-ed`). */
export const EVENT_STATE_WORDS = ['dialing', 'ringing', 'forwarding', 'sent', 'low', 'ready'] as const;

export interface ParsedSubject {
  transport: 'jetstream' | 'request-reply';
  context: Context;
  aggregate: string;
  action: string;
  /** Present for JetStream subjects. */
  version?: number;
}

export function parseSubject(subject: string): ParsedSubject | undefined {
  const stream = STREAM_SUBJECT_PATTERN.exec(subject);
  if (stream) {
    const [, context, aggregate, action, version] = stream;
    return { transport: 'jetstream', context: context as Context, aggregate, action, version: Number(version) };
  }
  const rpc = RPC_SUBJECT_PATTERN.exec(subject);
  if (rpc) {
    const [, context, aggregate, action] = rpc;
    return { transport: 'request-reply', context: context as Context, aggregate, action };
  }
  return undefined;
}

/** The action reads as a fact: a past participle (`transfer_failed`) or a state word. */
export function isEventAction(action: string): boolean {
  const last = action.split('_').pop() ?? '';
  return last.endsWith('ed') || (EVENT_STATE_WORDS as readonly string[]).includes(last);
}

export function isCommandAction(action: string): boolean {
  return (COMMAND_VERBS as readonly string[]).includes(action);
}

/** Checks a subject against the naming rule for its kind; returns the problem or undefined. */
export function namingProblem(subject: string, kind: 'event' | 'command' | 'query'): string | undefined {
  const parsed = parseSubject(subject);
  if (!parsed) return `${subject}: matches neither <context>.<aggregate>.<action>.v<N> nor rpc.<context>.<noun>.<verb>`;
  if (parsed.transport === 'request-reply') return undefined;
  if (kind === 'event' && !isEventAction(parsed.action)) return `${subject}: event action must be past tense`;
  if (kind === 'command' && !isCommandAction(parsed.action)) return `${subject}: command action must be imperative`;
  if (kind === 'query') return `${subject}: queries use rpc.<context>.<noun>.<verb>`;
  return undefined;
}
