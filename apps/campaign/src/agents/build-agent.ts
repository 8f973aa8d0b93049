import { DomainError, type AgentFieldsV1 } from '@santral/contracts';
import type { Agent } from './agent';
import { agentFieldErrors, canonicalLanguage } from './agent-rules';

/**
 * `fields` applied over `base`: an absent field keeps its value, `null` clears an optional one.
 * The language is stored canonical (`tr-tr` → `tr-TR`); any rule broken is VALIDATION_FAILED naming its field.
 */
export function applyAgentFields(base: Agent, fields: AgentFieldsV1): Agent {
  const next: Agent = { ...base };
  if (fields.name !== undefined && fields.name !== null) next.name = fields.name.trim() || base.name;
  if (fields.active !== undefined && fields.active !== null) next.active = fields.active;
  if (fields.firstMessageMode !== undefined && fields.firstMessageMode !== null) next.firstMessageMode = fields.firstMessageMode;
  if (fields.greetingMessage !== undefined) next.greetingMessage = fields.greetingMessage;
  if (fields.systemInstruction !== undefined) next.systemInstruction = fields.systemInstruction;
  if (fields.responseTimeoutSeconds !== undefined && fields.responseTimeoutSeconds !== null) next.responseTimeoutSeconds = fields.responseTimeoutSeconds;
  if (fields.voice !== undefined) next.voice = fields.voice === null ? null : { model: fields.voice.model, speakingRate: fields.voice.speakingRate };
  if (fields.language !== undefined) next.language = fields.language === null ? null : (canonicalLanguage(fields.language) ?? fields.language);
  if (fields.forwardingTargets !== undefined && fields.forwardingTargets !== null) next.forwardingTargets = [...new Set(fields.forwardingTargets)];
  if (fields.variables !== undefined && fields.variables !== null) next.variables = [...new Set(fields.variables)];
  const errors = agentFieldErrors(next);
  if (errors.length > 0) throw DomainError.validation(errors, 'The agent is not valid');
  return next;
}
