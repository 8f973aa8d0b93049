import { createHash } from 'node:crypto';
import { endReasonFor } from '@santral/call-state';
import { type Json, bool, optString, optUuid, parseJsonObject, record, seconds, stringList } from '../../shared/field-readers';
import { type NormalizedFact, type ParsedWebhook, type ProviderOperator, WebhookPayloadError } from '../provider.port';
import { callGearTimestamp, DEFAULT_CALLGEAR_TIME_ZONE } from './callgear-time';

/** The six CallGear notifications (S4) and the path each is posted to. */
export const CALLGEAR_EVENTS = ['handset', 'endleg', 'end', 'recording', 'legout', 'callout'] as const;
export type CallGearEvent = (typeof CALLGEAR_EVENTS)[number];

/** Every body field S4 lists, typed. */
export interface CallGearNotification {
  notificationName?: string;
  virtualPhoneNumber?: string;
  notificationTime?: Date;
  externalId?: string;
  contact: { contactPhoneNumber?: string; communicationNumber?: string; contactId?: string; contactFullName?: string };
  employee: { employeeFullName?: string; employeeId?: string };
  call: {
    callSource?: string; direction: 'inbound' | 'outbound'; callSessionId: string; scenarioName?: string; isOperator: boolean;
    talkTimeDuration: number; totalTimeDuration: number; waitTimeDuration: number; tagNames: string[]; isLost: boolean;
  };
  record: { fileLink?: string; callRecordDuration: number; recordFileLinks: string[] };
  legId?: string;
  legIds: string[];
  lastScenarioOperationName?: string;
  groupIds: string[];
}

const absent = (v: unknown) => v === undefined || v === null || v === '';

/** Reads every S4 field; zone-less times are the CallGear account's wall clock in `timeZone`. */
export function readNotification(body: Json, now: Date, timeZone: string = DEFAULT_CALLGEAR_TIME_ZONE): CallGearNotification {
  const contact = record(body, 'contact_info');
  const employee = record(body, 'employee_info');
  const call = record(body, 'call_info', true);
  const rec = record(body, 'call_record_file_info');
  const callSessionId = optString(call, 'call_session_id', 64);
  if (!callSessionId) throw new WebhookPayloadError('call_info.call_session_id is required');
  const direction = optString(call, 'direction', 20);
  return {
    notificationName: optString(body, 'notification_name', 200),
    virtualPhoneNumber: optString(body, 'virtual_phone_number', 64),
    // Absent stays absent: the arrival time must never reach the dedupe key.
    notificationTime: absent(body.notification_time) ? undefined : callGearTimestamp(body, 'notification_time', timeZone, now),
    externalId: optString(body, 'external_id', 200),
    contact: {
      contactPhoneNumber: optString(contact, 'contact_phone_number', 64),
      communicationNumber: optString(contact, 'communication_number', 64),
      contactId: optString(contact, 'contact_id', 100),
      contactFullName: optString(contact, 'contact_full_name', 300),
    },
    employee: { employeeFullName: optString(employee, 'employee_full_name', 300), employeeId: optString(employee, 'employee_id', 100) },
    call: {
      callSource: optString(call, 'call_source', 100),
      direction: direction === 'out' || direction === 'outbound' ? 'outbound' : 'inbound',
      callSessionId,
      scenarioName: optString(call, 'scenario_name', 300),
      isOperator: bool(call, 'is_operator'),
      talkTimeDuration: seconds(call, 'talk_time_duration'),
      totalTimeDuration: seconds(call, 'total_time_duration'),
      waitTimeDuration: seconds(call, 'wait_time_duration'),
      tagNames: stringList(call, 'tag_names'),
      isLost: bool(call, 'is_lost'),
    },
    record: { fileLink: optString(rec, 'file_link', 2000), callRecordDuration: seconds(rec, 'call_record_duration'), recordFileLinks: stringList(rec, 'record_file_links', 20, 2000) },
    legId: optString(body, 'leg_id', 64),
    legIds: stringList(body, 'leg_ids', 100, 64),
    lastScenarioOperationName: optString(body, 'last_scenario_operation_name', 300),
    groupIds: stringList(body, 'group_ids', 100, 64),
  };
}

function operatorOf(n: CallGearNotification): ProviderOperator | undefined {
  return n.employee.employeeId ? { providerEmployeeId: n.employee.employeeId, name: n.employee.employeeFullName } : undefined;
}

function seen(n: CallGearNotification): NormalizedFact {
  const contact = n.contact.contactPhoneNumber ?? n.contact.communicationNumber ?? 'unknown';
  const virtual = n.virtualPhoneNumber ?? '';
  return n.call.direction === 'inbound'
    ? { kind: 'call_seen', direction: 'inbound', rawFrom: contact, to: virtual }
    : { kind: 'call_seen', direction: 'outbound', rawFrom: virtual, to: contact };
}

function ended(n: CallGearNotification): NormalizedFact {
  const c = n.call;
  const code = c.talkTimeDuration > 0 ? 'completed' : c.direction === 'inbound' && c.isLost ? 'caller_abandoned' : 'no_answer';
  const endReason = endReasonFor(code, { providerCode: n.lastScenarioOperationName?.slice(0, 100) });
  return {
    kind: 'ended', direction: c.direction, talkSeconds: c.talkTimeDuration, waitSeconds: c.waitTimeDuration, totalSeconds: c.totalTimeDuration,
    forwardedSeconds: 0, endReason, operator: operatorOf(n), isLost: c.isLost, tags: c.tagNames,
  };
}

function factsFor(event: CallGearEvent, n: CallGearNotification): NormalizedFact[] {
  switch (event) {
    case 'handset':
      return [seen(n), { kind: 'answered', answeredBy: 'human', operator: operatorOf(n) }];
    case 'endleg':
      return [seen(n), {
        kind: 'leg_ended', legId: n.legId ?? `${n.call.callSessionId}:leg`, legType: n.call.isOperator ? 'operator' : 'customer', operator: operatorOf(n),
        talkSeconds: n.call.talkTimeDuration, totalSeconds: n.call.totalTimeDuration,
      }];
    case 'end':
      return [seen(n), ended(n)];
    case 'recording': {
      const url = n.record.fileLink ?? n.record.recordFileLinks[0];
      if (!url) throw new WebhookPayloadError('call_record_file_info.file_link is required');
      return [seen(n), { kind: 'recording', providerRecordingId: url.slice(-200), url, durationSeconds: n.record.callRecordDuration }];
    }
    case 'legout':
      return [seen(n), { kind: 'ringing' }];
    case 'callout':
      return [seen(n)];
  }
}

/**
 * The dedupe key of a notification. CallGear sends no event id, and a session has many handset,
 * legout and endleg notifications (one per leg, each with its own leg_id, employee and time), so
 * the key covers every field read from the body, in one canonical form (the typed notification:
 * numbers and strings alike, times as instants, never the arrival time), hashed so that its length
 * is fixed whatever the fields hold. The event and session stay readable in front.
 */
export function callGearDedupeKey(event: CallGearEvent, n: CallGearNotification): string {
  const digest = createHash('sha256').update(JSON.stringify([event, n])).digest('base64url');
  return `${event}:${n.call.callSessionId}:${digest}`;
}

/** One CallGear notification → facts, its times read in the account's zone (`timeZone`, default UTC). */
export function parseCallGearNotification(event: string, raw: Buffer, now: Date, timeZone: string = DEFAULT_CALLGEAR_TIME_ZONE): ParsedWebhook {
  if (!(CALLGEAR_EVENTS as readonly string[]).includes(event)) throw new WebhookPayloadError(`unknown event ${event}`);
  const n = readNotification(parseJsonObject(raw), now, timeZone);
  const e = event as CallGearEvent;
  return {
    dedupeKey: callGearDedupeKey(e, n),
    providerCallId: n.call.callSessionId,
    callId: n.externalId ? optUuid({ v: n.externalId }, 'v') : undefined,
    occurredAt: n.notificationTime ?? now,
    legIds: [...new Set([...(n.legId ? [n.legId] : []), ...n.legIds])],
    facts: factsFor(e, n),
  };
}
