import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { HotlineStore } from '../hotlines/hotline.store';
import { messageRuleErrors, type MessageRule } from './message-rule';

/** What a rule must be before it is stored: a known template, usable hours, the organization's own numbers. */
@Injectable()
export class MessageRuleChecks {
  constructor(private readonly hotlines: HotlineStore) {}

  async assertUsable(orgId: OrgId, rule: Pick<MessageRule, 'template' | 'when' | 'businessHours' | 'calledNumbers'>): Promise<void> {
    const errors = messageRuleErrors(rule);
    for (const [i, number] of rule.calledNumbers.entries()) {
      if (!(await this.hotlines.findByNumber(orgId, number))) errors.push({ field: `calledNumbers.${i}`, message: `${number} is not a hotline of this organization` });
    }
    if (errors.length > 0) throw DomainError.validation(errors, 'The message rule is not valid');
  }
}
