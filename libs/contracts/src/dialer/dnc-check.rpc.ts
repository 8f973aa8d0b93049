import { ArrayMaxSize, ArrayMinSize, IsArray } from 'class-validator';
import { IsE164, IsEntityId } from '../validation/decorators';
import { DIALING_RULE_LIMITS } from './dialing-rules.rpc';

/** rpc.dialer.dnc.check — which of these E.164 numbers are on the organization's do-not-call list (the import flags them, B3/B4). */
export class DncCheckRequest {
  @IsEntityId()
  organizationId: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DIALING_RULE_LIMITS.dncBatch)
  @IsE164({ each: true })
  numbers: string[];
}

export class DncCheckReply {
  /** The listed ones among `numbers`, each once. */
  @IsArray()
  @ArrayMaxSize(DIALING_RULE_LIMITS.dncBatch)
  @IsE164({ each: true })
  listed: string[];
}
