import type { ProblemFieldError } from '@santral/contracts';
import type { Agent } from './agent';

/** Contact fields every call list has; `{{name}}` etc. are always known. */
export const CONTACT_FIELDS = ['name', 'phone', 'timeZone'] as const;

/**
 * The fields an agent needs before it can call (C2), in a stable order. The greeting is required
 * only when the agent speaks first.
 */
export function missingFields(agent: Pick<Agent, 'firstMessageMode' | 'greetingMessage' | 'systemInstruction' | 'voice' | 'language'>): string[] {
  const missing: string[] = [];
  if (agent.firstMessageMode === 'agent_first' && !agent.greetingMessage?.trim()) missing.push('greetingMessage');
  if (!agent.systemInstruction?.trim()) missing.push('systemInstruction');
  if (!agent.voice) missing.push('voice');
  if (!agent.language) missing.push('language');
  return missing;
}

export interface TemplateVariables {
  names: string[];
  /** A `{{` without its `}}`, or a `{{ … }}` whose inside is not a variable name. */
  malformed: string[];
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The `{{variables}}` of a text, each once in order of appearance, and the placeholders that are not well formed. */
export function templateVariables(text: string | null): TemplateVariables {
  if (!text) return { names: [], malformed: [] };
  const names = new Set<string>();
  const malformed: string[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) {
    const inner = match[1]!.trim();
    if (NAME.test(inner)) names.add(inner);
    else malformed.push(match[0]);
  }
  // Braces left once every well-formed placeholder is taken out are an unclosed or stray `{{`/`}}`.
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}')) malformed.push(rest.includes('{{') ? '{{' : '}}');
  return { names: [...names], malformed };
}

/** A BCP 47 tag as Intl reads it (`tr-TR`, `vi`); null when it is not one. */
export function canonicalLanguage(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical ?? null;
  } catch {
    return null;
  }
}

const SIP_URI = /^sips?:[^\s@:;?]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?(?:;[^\s?]*)?$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export function isForwardingTarget(target: string): boolean {
  if (E164.test(target)) return true;
  const port = /:(\d{1,5})(?:;|$)/.exec(target.replace(/^sips?:/, ''))?.[1];
  return SIP_URI.test(target) && (port === undefined || Number(port) <= 65_535);
}

/** Every rule of a saved agent that the wire validation cannot express, as field errors (empty: valid). */
export function agentFieldErrors(agent: Agent): ProblemFieldError[] {
  const errors: ProblemFieldError[] = [];
  if (agent.language !== null && canonicalLanguage(agent.language) === null) {
    errors.push({ field: 'language', message: `language must be a BCP 47 tag (tr-TR), not "${agent.language}"` });
  }
  agent.forwardingTargets.forEach((target, i) => {
    if (!isForwardingTarget(target)) errors.push({ field: `forwardingTargets.${i}`, message: 'must be an E.164 number or a SIP URI sip:user@host' });
  });
  const known = new Set<string>([...CONTACT_FIELDS, ...agent.variables]);
  for (const field of ['greetingMessage', 'systemInstruction'] as const) {
    const { names, malformed } = templateVariables(agent[field]);
    for (const bad of malformed) errors.push({ field, message: `malformed placeholder ${bad}: write {{variable}}` });
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      errors.push({ field, message: `unknown variable${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `{{${n}}}`).join(', ')}: use a contact field (${CONTACT_FIELDS.join(', ')}) or declare it in variables` });
    }
  }
  return errors;
}
