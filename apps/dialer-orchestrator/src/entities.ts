import { DncEntryEntity } from './dnc/dnc-entry.entity';
import { HotlineEntity } from './hotlines/hotline.entity';
import { MessageRuleEntity } from './message-rules/message-rule.entity';
import { OperatorPresenceEntity } from './presence/operator-presence.entity';

/** Every TypeORM entity of this service (its schema: dialer). */
export const entities: Array<new () => object> = [DncEntryEntity, HotlineEntity, OperatorPresenceEntity, MessageRuleEntity];
