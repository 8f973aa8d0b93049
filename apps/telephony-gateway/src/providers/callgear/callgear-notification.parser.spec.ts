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
      notificationName: 'Call finished', virtualPhoneNumber: '902125550000', notificationTime: new Date('2024-04-06T12:30:00Z'), externalId: undefined,
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

  describe('dedupe key', () => {
    const key = (event: string, o: object, tz?: string) => parseCallGearNotification(event, raw(o), new Date(), tz).dedupeKey;
    const bare = { ...body, leg_id: null, leg_ids: null, notification_time: null };

    it('tells apart the handsets, legouts and endlegs of one session that carry neither leg_id nor notification_time', () => {
      for (const event of ['handset', 'legout', 'endleg']) {
        const first = key(event, { ...bare, employee_info: { employee_full_name: 'Mehmet', employee_id: 4242 } });
        const second = key(event, { ...bare, employee_info: { employee_full_name: 'Zeynep', employee_id: 4343 } });
        expect(first).not.toBe(second);
      }
      const leg = (talk: number) => key('endleg', { ...bare, call_info: { ...body.call_info, is_operator: talk > 50, talk_time_duration: talk } });
      expect(leg(95)).not.toBe(leg(0));
      // …while a retry of one of them, arriving later, is the same key (the arrival time is not in it).
      const at = (now: string) => parseCallGearNotification('handset', raw(bare), new Date(now)).dedupeKey;
      expect(at('2024-04-06T12:30:00Z')).toBe(at('2024-04-06T12:35:00Z'));
    });

    it('keeps the time whatever the other fields hold, and has a bounded length', () => {
      const link = `https://records.example.com/${'a'.repeat(1900)}.mp3`;
      const at = (t: string) => key('recording', { ...body, call_record_file_info: { file_link: link, call_record_duration: 5 }, notification_time: t });
      expect(at('2024-04-06 12:30:00')).not.toBe(at('2024-04-06 12:31:00'));
      expect(at('2024-04-06 12:30:00').length).toBeLessThanOrEqual(200);
    });

    it('is canonical: key order and numbers sent as strings do not matter, a retry is the same key', () => {
      const reordered = Object.fromEntries(Object.entries(body).reverse());
      const stringly = { ...body, leg_id: '5001', call_info: { ...body.call_info, call_session_id: '1001', talk_time_duration: '95' } };
      expect(key('end', reordered)).toBe(key('end', body));
      expect(key('end', stringly)).toBe(key('end', body));
      expect(key('end', body)).toMatch(/^end:1001:[\w-]{43}$/);
    });

    describe('zone-less times are read in the account zone, never the server zone', () => {
      const serverZone = process.env.TZ;
      afterEach(() => {
        if (serverZone === undefined) delete process.env.TZ;
        else process.env.TZ = serverZone;
      });

      it('gives one instant and one key on replicas in different zones', () => {
        const seen = ['UTC', 'America/New_York', 'Asia/Tokyo'].map((zone) => {
          process.env.TZ = zone;
          const parsed = parseCallGearNotification('handset', raw(body), new Date(), 'Europe/Istanbul');
          return [parsed.occurredAt.toISOString(), parsed.dedupeKey];
        });
        expect(seen[0]![0]).toBe('2024-04-06T09:30:00.000Z'); // Istanbul is UTC+3
        expect(new Set(seen.map((s) => s.join(' '))).size).toBe(1);
      });

      it('defaults to UTC; explicit offsets and epoch numbers are taken as they are', () => {
        process.env.TZ = 'America/New_York';
        const at = (t: unknown, tz?: string) => parseCallGearNotification('end', raw({ ...body, notification_time: t }), new Date(), tz).occurredAt.toISOString();
        expect(at('2024-04-06 12:30:00')).toBe('2024-04-06T12:30:00.000Z');
        expect(at('2024-04-06T12:30:00+03:00', 'America/Los_Angeles')).toBe('2024-04-06T09:30:00.000Z');
        expect(at(1712406600, 'Asia/Tokyo')).toBe('2024-04-06T12:30:00.000Z');
        expect(at('2024-07-01 12:00:00', 'Europe/Berlin')).toBe('2024-07-01T10:00:00.000Z'); // summer time
        expect(() => at('2024-02-31 12:00:00')).toThrow(WebhookPayloadError);
        expect(() => at('April 6, 2024')).toThrow(WebhookPayloadError);
      });
    });
  });

  it('rejects malformed notifications with WebhookPayloadError', () => {
    expect(() => parseCallGearNotification('end', raw({ ...body, call_info: {} }), new Date())).toThrow(WebhookPayloadError);
    expect(() => parseCallGearNotification('end', raw({ ...body, call_info: { ...body.call_info, talk_time_duration: 'long' } }), new Date())).toThrow(WebhookPayloadError);
    expect(() => parseCallGearNotification('nope', raw(body), new Date())).toThrow(/unknown event/);
    expect(() => parseCallGearNotification('end', Buffer.from('{'), new Date())).toThrow(WebhookPayloadError);
  });
});
