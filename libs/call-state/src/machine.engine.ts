/**
 * The shared shape of every machine in this lib: a transition table is plain data,
 * `state → event → spec`. A missing entry means the event is rejected in that state.
 * Rejections are values, never exceptions: the caller stores the event anyway
 * (DESIGN §2: "state machines reject illegal transitions and keep the event").
 */

export type RejectionCode =
  /** The event is known but not allowed in this (live) state. */
  | 'illegal_transition'
  /** The state is terminal: nothing changes it any more. */
  | 'terminal_state'
  /** The state is not one of the machine's states (bad data from storage). */
  | 'unknown_state'
  /** The event type is not one of the machine's events (bad data on the wire). */
  | 'unknown_event';

export interface Rejection<S, E extends string> {
  readonly code: RejectionCode;
  readonly from: S;
  readonly event: E;
  readonly reason: string;
}

export interface Accepted<S, F> {
  readonly ok: true;
  readonly next: S;
  readonly effects: readonly F[];
}

export interface Rejected<S, E extends string> {
  readonly ok: false;
  readonly rejection: Rejection<S, E>;
}

export type TransitionResult<S, E extends string, F> = Accepted<S, F> | Rejected<S, E>;

/** One accepted cell of a table: where it goes and which effect kinds it emits, in order. */
export interface TransitionSpec<S extends string, K extends string> {
  readonly to: S;
  readonly effects: readonly K[];
}

export type TransitionTable<S extends string, E extends string, Spec> = {
  readonly [state in S]: { readonly [event in E]?: Spec };
};

export interface MachineDefinition<
  S extends string,
  E extends string,
  K extends string,
  Spec extends TransitionSpec<S, K> = TransitionSpec<S, K>,
> {
  readonly name: string;
  readonly states: readonly S[];
  readonly events: readonly E[];
  readonly terminal: readonly S[];
  /** One line per effect kind: what the service that owns the aggregate must do. */
  readonly effectDocs: { readonly [kind in K]: string };
  readonly table: TransitionTable<S, E, Spec>;
  /** Rules that are not visible in the table (shown in generated docs). */
  readonly notes: readonly string[];
}

/** Any of the machines, seen through plain strings (what the doc generators need). */
export type AnyMachineDefinition = MachineDefinition<string, string, string>;

const hasOwn = (record: object, key: string): boolean => Object.prototype.hasOwnProperty.call(record, key);

export type Lookup<S extends string, E extends string, Spec> =
  | { readonly ok: true; readonly spec: Spec }
  | Rejected<S, E>;

/** Finds the cell for (from, event), or explains why there is none. */
export function findTransition<S extends string, E extends string, K extends string, Spec extends TransitionSpec<S, K>>(
  machine: MachineDefinition<S, E, K, Spec>,
  from: S,
  event: E,
): Lookup<S, E, Spec> {
  const reject = (code: RejectionCode, reason: string): Rejected<S, E> => ({
    ok: false,
    rejection: { code, from, event, reason },
  });
  if (!machine.states.includes(from)) {
    return reject('unknown_state', `"${from}" is not a ${machine.name} state`);
  }
  if (!machine.events.includes(event)) {
    return reject('unknown_event', `"${event}" is not a ${machine.name} event`);
  }
  const row = machine.table[from];
  if (hasOwn(row, event)) {
    return { ok: true, spec: row[event] as Spec };
  }
  if (machine.terminal.includes(from)) {
    return reject('terminal_state', `${machine.name} is ${from}, a terminal state; ${event} changes nothing`);
  }
  const allowed = allowedEvents(machine, from).join(', ') || 'none';
  return reject('illegal_transition', `${event} is not allowed when ${machine.name} is ${from} (allowed: ${allowed})`);
}

/** The events a state accepts, in the machine's event order (e.g. which buttons a UI enables). */
export function allowedEvents<S extends string, E extends string>(
  machine: MachineDefinition<S, E, string, TransitionSpec<S, string>>,
  state: S,
): E[] {
  if (!machine.states.includes(state)) return [];
  const row = machine.table[state];
  return machine.events.filter((event) => hasOwn(row, event));
}

export function isTerminalIn<S extends string>(machine: { readonly terminal: readonly S[] }, state: string): state is S {
  return (machine.terminal as readonly string[]).includes(state);
}

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
