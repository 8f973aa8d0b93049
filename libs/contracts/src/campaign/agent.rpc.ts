import { Type } from 'class-transformer';
import { ArrayMaxSize, ValidateNested, IsArray, IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { IsDialTarget, IsEntityId, IsIntBetween, IsNested, IsText, IsTimestamp } from '../validation/decorators';
import { AGENT_FIRST_MESSAGE_MODES, type AgentFirstMessageMode } from '../vocabulary';
import { AgentSnapshotV1, AgentVoiceV1 } from './agent.events';

/** Request and reply bodies of rpc.campaign.agent.* (C1–C3). */
export const AGENT_LIMITS = {
  nameLength: 200,
  textLength: 2000,
  /** C1: default 30 s, "up to 60 s+": 5–120 s. */
  responseTimeout: { min: 5, max: 120, default: 30 },
  forwardingTargets: 10,
  variables: 50,
  variableName: 64,
  listPageSize: 100,
} as const;

/** A `{{variable}}` name: a letter or `_`, then letters, digits or `_`. */
export const AGENT_VARIABLE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

const L = AGENT_LIMITS;

/** Every field an agent may be written with; on update, each is optional and `null` clears an optional one. */
export class AgentFieldsV1 {
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsIn(AGENT_FIRST_MESSAGE_MODES)
  firstMessageMode?: AgentFirstMessageMode;

  @IsOptional()
  @IsText(L.textLength)
  greetingMessage?: string | null;

  @IsOptional()
  @IsText(L.textLength)
  systemInstruction?: string | null;

  @IsOptional()
  @IsIntBetween(L.responseTimeout.min, L.responseTimeout.max)
  responseTimeoutSeconds?: number;

  @IsOptional()
  @IsNested(() => AgentVoiceV1)
  voice?: AgentVoiceV1 | null;

  /** BCP 47 (`tr-TR`); the campaign service checks it with Intl.getCanonicalLocales. */
  @IsOptional()
  @IsText(35)
  language?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.forwardingTargets)
  @IsDialTarget({ each: true })
  forwardingTargets?: string[];

  /** Custom `{{variables}}` the agent's texts may use besides the contact fields (columns of the call list). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.variables)
  @Matches(AGENT_VARIABLE_NAME_PATTERN, { each: true, message: 'each value in $property must be a variable name (letters, digits, _)' })
  variables?: string[];
}

/** rpc.campaign.agent.create — `name` is required. */
export class AgentCreateRequest extends AgentFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.campaign.agent.update */
export class AgentUpdateRequest extends AgentFieldsV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  agentId: string;

  @IsOptional()
  @IsText(200)
  idempotencyKey?: string;
}

/** rpc.campaign.agent.get | delete */
export class AgentRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  agentId: string;
}

/** rpc.campaign.agent.list — newest first. */
export class AgentListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** An agent as the API shows it: the snapshot the events carry, its declared variables and times. */
export class AgentReply extends AgentSnapshotV1 {
  @IsArray()
  @Matches(AGENT_VARIABLE_NAME_PATTERN, { each: true })
  variables: string[];

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

export class AgentPageReply {
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => AgentReply)
  items: AgentReply[];

  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

export class AgentDeletedReply {
  @IsEntityId()
  agentId: string;
}
