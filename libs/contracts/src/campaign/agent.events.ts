import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsNumber, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsDialTarget, IsEntityId, IsIntBetween, IsText, IsNested } from '../validation/decorators';
import { AGENT_FIRST_MESSAGE_MODES, type AgentFirstMessageMode } from '../vocabulary';

/** AI voice agents live in the campaign context; the dialer keeps a projection for pre-checks (E4). */

export class AgentVoiceV1 {
  @IsText(100)
  model: string;

  @IsNumber({ maxDecimalPlaces: 2 })
  @Min(0.5)
  @Max(2)
  speakingRate: number;
}

/** Agent snapshot (C1); `complete` is false while a required field is missing (C2). */
export class AgentSnapshotV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  agentId: string;

  @IsText(200)
  name: string;

  @IsBoolean()
  active: boolean;

  @IsBoolean()
  complete: boolean;

  @IsArray()
  @IsString({ each: true })
  missingFields: string[];

  @IsIn(AGENT_FIRST_MESSAGE_MODES)
  firstMessageMode: AgentFirstMessageMode;

  @IsOptional()
  @IsText(2000)
  greetingMessage?: string;

  @IsOptional()
  @IsText(2000)
  systemInstruction?: string;

  @IsIntBetween(1, 300)
  responseTimeoutSeconds: number;

  @IsOptional()
  @IsNested(() => AgentVoiceV1)
  voice?: AgentVoiceV1;

  /** BCP 47 language tag (`tr-TR`). */
  @IsOptional()
  @IsText(35)
  language?: string;

  @IsArray()
  @ArrayMaxSize(10)
  @IsDialTarget({ each: true })
  forwardingTargets: string[];
}

/** campaign.agent.created.v1 */
export class AgentCreatedV1 extends AgentSnapshotV1 {}

/** campaign.agent.updated.v1 — the full snapshot after the change. */
export class AgentUpdatedV1 extends AgentSnapshotV1 {}

/** campaign.agent.deleted.v1 */
export class AgentDeletedV1 {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  agentId: string;
}
