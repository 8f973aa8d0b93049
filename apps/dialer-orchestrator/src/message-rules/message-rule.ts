import { MESSAGE_TEMPLATE_VARIABLES, type MessageRuleChannel, type MessageRuleWhen } from '@santral/contracts';
import { isCallable, validateCallingWindowPolicy, type CallingWindowPolicy, type DailyWindow, type FieldError } from '../domain';

/** A message rule of the organization (F3). Numbers are E.164; hours are the organization's local time. */
export interface MessageRule {
  id: string;
  organizationId: string;
  name: string;
  active: boolean;
  channel: MessageRuleChannel;
  /** Empty: every number of the organization. */
  calledNumbers: string[];
  when: MessageRuleWhen;
  businessHours: DailyWindow[];
  template: string;
  windowHours: number;
  callbackAfterMinutes: number | null;
  priority: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What a missed call brings to the rules. */
export interface MissedCallFacts {
  calledNumber: string;
  callerNumber: string;
  at: Date;
  /** The organization's time zone (business hours are read in it). */
  timeZone: string;
}

// Business hours are the organization's own: the campaigns' outer calling bounds do not clip them.
const WHOLE_DAY = { start: '00:00', end: '24:00' } as const;

/** Business hours as the calling-window rules take them (the same evaluation campaigns use). */
export function businessHoursPolicy(windows: readonly DailyWindow[]): CallingWindowPolicy {
  return { windows, outerBounds: WHOLE_DAY };
}

const VARIABLE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Everything wrong with a rule's template and hours; empty when it is usable. */
export function messageRuleErrors(rule: Pick<MessageRule, 'template' | 'when' | 'businessHours'>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [, name] of rule.template.matchAll(VARIABLE)) {
    if (!(MESSAGE_TEMPLATE_VARIABLES as readonly string[]).includes(name!)) {
      errors.push({ field: 'template', message: `unknown variable {{${name}}}: use ${MESSAGE_TEMPLATE_VARIABLES.map((v) => `{{${v}}}`).join(', ')}` });
    }
  }
  if (rule.when !== 'always') {
    if (rule.businessHours.length === 0) errors.push({ field: 'businessHours', message: `is required when "when" is ${rule.when}` });
    else errors.push(...validateCallingWindowPolicy(businessHoursPolicy(rule.businessHours)).map((e) => ({ ...e, field: e.field.replace(/^windows/, 'businessHours') })));
  }
  return errors;
}

/** The template with its variables filled in. */
export function renderTemplate(template: string, call: Pick<MissedCallFacts, 'callerNumber' | 'calledNumber'>): string {
  return template.replace(VARIABLE, (whole, name: string) => (name === 'callerNumber' ? call.callerNumber : name === 'calledNumber' ? call.calledNumber : whole));
}

/** Whether an active rule applies to this missed call. */
export function ruleMatches(rule: MessageRule, call: MissedCallFacts): boolean {
  if (!rule.active) return false;
  if (rule.calledNumbers.length > 0 && !rule.calledNumbers.includes(call.calledNumber)) return false;
  if (rule.when === 'always') return true;
  const inside = isCallable(businessHoursPolicy(rule.businessHours), [call.timeZone], call.at);
  return rule.when === 'inside_business_hours' ? inside : !inside;
}

/** The first matching active rule, lower priority first (then the older one). */
export function firstMatchingRule(rules: readonly MessageRule[], call: MissedCallFacts): MessageRule | null {
  const ordered = [...rules].sort((a, b) => a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  return ordered.find((r) => ruleMatches(r, call)) ?? null;
}
