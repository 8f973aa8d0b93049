import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { MessageRule } from './message-rule';

export type NewMessageRule = Omit<MessageRule, 'createdAt' | 'updatedAt'>;
export type MessageRuleChanges = Partial<Omit<MessageRule, 'id' | 'organizationId' | 'createdAt' | 'updatedAt'>>;

/** Port: the organization's message rules and the messages they sent. */
export abstract class MessageRuleStore {
  /** Inserts; false when the organization already has a rule of this name. */
  abstract addIfNameFree(orgId: OrgId, rule: NewMessageRule, tx: Tx): Promise<boolean>;
  abstract findById(orgId: OrgId, id: string, tx?: Tx): Promise<MessageRule | null>;
  abstract page(orgId: OrgId, page: PageRequest): Promise<Page<MessageRule>>;
  /** The updated rule; null when there is none with this id; 'name_taken' when the new name is another rule's. */
  abstract change(orgId: OrgId, id: string, changes: MessageRuleChanges): Promise<MessageRule | null | 'name_taken'>;
  abstract remove(orgId: OrgId, id: string): Promise<boolean>;
  abstract active(orgId: OrgId, tx: Tx): Promise<MessageRule[]>;
  /**
   * Records that the caller gets this rule's message, unless they got one from it within its window;
   * false then. The key (organization, rule, caller) makes a duplicate or concurrent call a no-op.
   */
  abstract claimSend(orgId: OrgId, send: { ruleId: string; callerNumber: string; smsId: string; callId: string; windowHours: number }, tx: Tx): Promise<boolean>;
}
