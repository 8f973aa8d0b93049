import { Injectable } from '@nestjs/common';
import { v5 as uuidv5 } from 'uuid';
import { Subjects } from '@santral/contracts';
import type { OutgoingEvent } from '@santral/messaging';
import type { OrgId, Tx } from '@santral/persistence';
import { Clock, OrganizationSettingsRepository } from '@santral/service-kit';
import type { DialerOrganizationSettings } from '../settings/dialer-settings';
import { firstMatchingRule, renderTemplate } from './message-rule';
import { MessageRuleStore } from './message-rule.store';

/** Namespace of the smsIds of missed-call messages: one per (call, rule), so a replay sends nothing new. */
const MISSED_CALL_SMS_NAMESPACE = '5b0f7c2e-4d1a-4f57-9a39-0c7d2b8e6a41';

export interface MissedCallMessageDecision {
  /** The matching rule's callback delay, when it has one. */
  callbackAfterMinutes: number | null;
  /** telephony.sms.send.v1, when the caller is due a message. */
  sms?: OutgoingEvent;
}

/**
 * F3: a missed call matching the organization's first active message rule gets "we missed your
 * call" by SMS, from the number called, on the call's provider account — at most once per caller per
 * rule per window (the claim is in the call end's transaction). Business hours are read in the
 * organization's time zone with the campaigns' calling-window rules.
 */
@Injectable()
export class MissedCallMessage {
  constructor(
    private readonly rules: MessageRuleStore,
    private readonly settings: OrganizationSettingsRepository,
    private readonly clock: Clock,
  ) {}

  async decide(tx: Tx, orgId: OrgId, callId: string, call: { from: string; to: string; providerAccountId: string }): Promise<MissedCallMessageDecision> {
    const rules = await this.rules.active(orgId, tx);
    if (rules.length === 0) return { callbackAfterMinutes: null };
    const stored = await this.settings.get<DialerOrganizationSettings>(orgId, tx);
    const facts = { calledNumber: call.to, callerNumber: call.from, at: this.clock.now(), timeZone: stored?.settings.timeZone ?? 'UTC' };
    const rule = firstMatchingRule(rules, facts);
    if (!rule) return { callbackAfterMinutes: null };
    const decision = { callbackAfterMinutes: rule.callbackAfterMinutes };
    const smsId = uuidv5(`${callId}:${rule.id}`, MISSED_CALL_SMS_NAMESPACE);
    if (!(await this.rules.claimSend(orgId, { ruleId: rule.id, callerNumber: call.from, smsId, callId, windowHours: rule.windowHours }, tx))) return decision;
    return {
      ...decision,
      sms: {
        type: Subjects.Telephony.SendSms,
        orgid: orgId,
        subject: smsId,
        data: { organizationId: orgId, smsId, providerAccountId: call.providerAccountId, from: call.to, to: call.from, body: renderTemplate(rule.template, facts), callId, ruleId: rule.id },
      },
    };
  }
}
