import { END_REASON_CODES, END_REASON_TAXONOMY, type EndReasonRule, type EndReasonCode } from './end-reason.taxonomy';
import type { AnyMachineDefinition } from './machine.engine';

export interface TransitionRow {
  readonly from: string;
  readonly event: string;
  readonly to: string;
  readonly effects: readonly string[];
  /** Other fields of the cell (e.g. the call's default `end` reason and how it is derived). */
  readonly details: { readonly [field: string]: string };
}

export interface MachineDescription {
  readonly name: string;
  readonly states: readonly string[];
  readonly events: readonly string[];
  readonly terminal: readonly string[];
  readonly effects: readonly { readonly kind: string; readonly description: string }[];
  /** Every accepted cell, in state then event order; any other (state, event) is rejected. */
  readonly transitions: readonly TransitionRow[];
  readonly notes: readonly string[];
}

/** A JSON-ready description of a machine's table (for docs and API clients). */
export function describeMachine(machine: AnyMachineDefinition): MachineDescription {
  const transitions: TransitionRow[] = [];
  for (const from of machine.states) {
    const row = machine.table[from] ?? {};
    for (const event of machine.events) {
      if (!Object.prototype.hasOwnProperty.call(row, event)) continue;
      const { to, effects, ...rest } = row[event]!;
      const details = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, String(value)]));
      transitions.push({ from, event, to, effects: [...effects], details });
    }
  }
  return {
    name: machine.name,
    states: [...machine.states],
    events: [...machine.events],
    terminal: [...machine.terminal],
    effects: Object.entries(machine.effectDocs).map(([kind, description]) => ({ kind, description })),
    transitions,
    notes: [...machine.notes],
  };
}

const cell = (text: string): string => text.replace(/\|/g, '\\|');
const code = (text: string): string => `\`${text}\``;

/** A markdown page for a machine: states, the accepted transitions, effects, notes. */
export function machineToMarkdown(machine: AnyMachineDefinition): string {
  const d = describeMachine(machine);
  const terminal = d.terminal.length ? d.terminal.map(code).join(', ') : 'none';
  const lines = [
    `## ${d.name} state machine`,
    '',
    `States: ${d.states.map(code).join(', ')}. Terminal: ${terminal}.`,
    '',
    `Events: ${d.events.map(code).join(', ')}.`,
    '',
    '| from | event | to | effects | details |',
    '|---|---|---|---|---|',
    ...d.transitions.map((t) => {
      const details = Object.entries(t.details).map(([key, value]) => `${key}: ${value}`).join(', ');
      const effects = t.effects.length ? t.effects.map(code).join(', ') : '(none)';
      return `| ${code(t.from)} | ${code(t.event)} | ${code(t.to)} | ${effects} | ${cell(details)} |`;
    }),
    '',
    'Any other (state, event) pair is rejected.',
    '',
    '| effect | meaning |',
    '|---|---|',
    ...d.effects.map((e) => `| ${code(e.kind)} | ${cell(e.description)} |`),
    '',
    ...d.notes.map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

export interface EndReasonDescription extends EndReasonRule {
  readonly code: EndReasonCode;
}

export function describeEndReasons(): EndReasonDescription[] {
  return END_REASON_CODES.map((code) => ({ code, ...END_REASON_TAXONOMY[code] }));
}

export function endReasonsToMarkdown(): string {
  const yesNo = (flag: boolean): string => (flag ? 'yes' : 'no');
  return [
    '## Call end reasons',
    '',
    '`billable`: whether the call is charged at all (talk minutes if connected, else the minimum attempt charge).',
    '`retryable`: whether a later attempt at the same number could succeed (never after an answered call).',
    '',
    '| code | usual status | fault | billable | retryable | meaning |',
    '|---|---|---|---|---|---|',
    ...describeEndReasons().map(
      (r) =>
        `| ${code(r.code)} | ${code(r.status)} | ${r.fault} | ${yesNo(r.billable)} | ${yesNo(r.retryable)} | ${cell(r.description)} |`,
    ),
    '',
  ].join('\n');
}
