import { parseCallGearNotification, readNotification } from './callgear-notification.parser';
import { WebhookPayloadError } from '../provider.port';

const body = {
  notification_name: 'Call finished', virtual_phone_number: '902125550000', notification_time: '2024-04-06 12:30:00', external_id: null,
  contact_info: { contact_phone_number: '905551234567', communication_number: '905551234567', contact_id: 771, contact_full_name: 'Ayşe' },
  employee_info: { employee_full_name: 'Mehmet', employee_id: 4242 },
  call_info: { call_source: 'va', direction: 'in', call_session_id: 1001, scenario_name: 'Mesai', is_operator: true, talk_time_duration: 95, total_time_duration: 107, wait_time_duration: 12, tag_names: ['VIP'], is_lost: false },
  call_record_file_info: { file_link: 'https://r/1.mp3', call_record_duration: 95, record_file_links: ['https://r/1.mp3'] },
  leg_id: 5001, leg_ids: [5000, 5001], last_scenario_operation_name: 'Operatör', group_ids: [12],
};
const raw = (o: object) => Buffer.from(JSON.stringify(o));

describe('CallGear notification parser (S4)', () => {
  it('maps every body field S4 lists', () => {
    expect(readNotification(JSON.parse(JSON.stringify(body)), new Date())).toEqual({
      notificationName: 'Call finished', virtualPhoneNumber: '902125550000', notificationTime: new Date('2024-04-06T12:30:00'), externalId: undefined,
      contact: { contactPhoneNumber: '905551234567', communicationNumber: '905551234567', contactId: '771', contactFullName: 'Ayşe' },
      employee: { employeeFullName: 'Mehmet', employeeId: '4242' },
      call: { callSource: 'va', direction: 'inbound', callSessionId: '1001', scenarioName: 'Mesai', isOperator: true, talkTimeDuration: 95, totalTimeDuration: 107, waitTimeDuration: 12, tagNames: ['VIP'], isLost: false },
      record: { fileLink: 'https://r/1.mp3', callRecordDuration: 95, recordFileLinks: ['https://r/1.mp3'] },
      legId: '5001', legIds: ['5000', '5001'], lastScenarioOperationName: 'Operatör', groupIds: ['12'],
    });
  });

  it.each([
    ['handset', ['call_seen', 'answered']],
    ['endleg', ['call_seen', 'leg_ended']],
    ['end', ['call_seen', 'ended']],
    ['recording', ['call_seen', 'recording']],
    ['legout', ['call_seen', 'ringing']],
    ['callout', ['call_seen']],
  ])('/%s → %j', (event, kinds) => {
    const parsed = parseCallGearNotification(event, raw(body), new Date());
    expect(parsed.facts.map((f) => f.kind)).toEqual(kinds);
    expect(parsed.providerCallId).toBe('1001');
    expect(parsed.legIds).toEqual(['5001', '5000']);
  });

  it('uses external_id as our call id when it is one', () => {
    const id = '0b7e3c8e-5a7f-4f7e-9d52-1f1c4a9b2a11';
    expect(parseCallGearNotification('end', raw({ ...body, external_id: id }), new Date()).callId).toBe(id);
  });

  it('rejects malformed notifications with WebhookPayloadError', () => {
    expect(() => parseCallGearNotification('end', raw({ ...body, call_info: {} }), new Date())).toThrow(WebhookPayloadError);
    expect(() => parseCallGearNotification('end', raw({ ...body, call_info: { ...body.call_info, talk_time_duration: 'long' } }), new Date())).toThrow(WebhookPayloadError);
    expect(() => parseCallGearNotification('nope', raw(body), new Date())).toThrow(/unknown event/);
    expect(() => parseCallGearNotification('end', Buffer.from('{'), new Date())).toThrow(WebhookPayloadError);
  });
});
