import type { Agent } from './agent';
import { agentFieldErrors, canonicalLanguage, isForwardingTarget, missingFields, templateVariables } from './agent-rules';

const agent = (over: Partial<Agent> = {}): Agent => ({
  id: '0190d000-0000-7000-8000-000000000001', organizationId: '0190d000-0000-7000-8000-00000000000a', name: 'A', active: true, firstMessageMode: 'agent_first',
  greetingMessage: 'Merhaba {{name}}', systemInstruction: 'Be kind', responseTimeoutSeconds: 30, voice: { model: 'v', speakingRate: 1 }, language: 'tr-TR',
  forwardingTargets: [], variables: [], createdAt: new Date(0), updatedAt: new Date(0), ...over,
});

describe('agent completeness (C2)', () => {
  it.each([
    [{}, []],
    [{ greetingMessage: null }, ['greetingMessage']],
    [{ greetingMessage: '   ' }, ['greetingMessage']],
    [{ greetingMessage: null, firstMessageMode: 'wait_for_customer' as const }, []],
    [{ systemInstruction: null, voice: null, language: null }, ['systemInstruction', 'voice', 'language']],
    [{ greetingMessage: null, systemInstruction: '', voice: null, language: null }, ['greetingMessage', 'systemInstruction', 'voice', 'language']],
  ])('%j misses %j', (over, missing) => {
    expect(missingFields(agent(over))).toEqual(missing);
  });
});

describe('template variables', () => {
  it.each([
    ['Merhaba {{name}}, {{ sehir }} {{name}}', ['name', 'sehir'], []],
    ['no variables', [], []],
    ['{{}}', [], ['{{}}']],
    ['{{ two words }}', [], ['{{ two words }}']],
    ['Hi {{name', [], ['{{']],
    ['Hi name}}', [], ['}}']],
    ['{{1abc}}', [], ['{{1abc}}']],
  ])('%j → names %j, malformed %j', (text, names, malformed) => {
    expect(templateVariables(text)).toEqual({ names, malformed });
  });

  it('names an unknown variable as an error of its field; contact fields and declared variables are known', () => {
    expect(agentFieldErrors(agent({ greetingMessage: 'Hi {{name}} from {{sehir}}', systemInstruction: 'Call {{phone}} in {{timeZone}}', variables: ['sehir'] }))).toEqual([]);
    const errors = agentFieldErrors(agent({ greetingMessage: 'Hi {{musteri_no}}', systemInstruction: 'x {{a}} {{b}' }));
    expect(errors.map((e) => e.field)).toEqual(['greetingMessage', 'systemInstruction', 'systemInstruction']);
    expect(errors[0]!.message).toContain('{{musteri_no}}');
  });
});

describe('languages and forwarding targets (C1, C3)', () => {
  it.each([['tr-tr', 'tr-TR'], ['vi', 'vi'], ['en-US', 'en-US'], ['zh-hant-tw', 'zh-Hant-TW'], ['not a tag', null], ['', null], ['tr_TR', null]])('%j → %j', (tag, canonical) => {
    expect(canonicalLanguage(tag)).toBe(canonical);
  });

  it.each([
    ['+902125551212', true], ['sip:desk@pbx.example.com', true], ['sips:agent@10.0.0.1:5061', true], ['sip:100@[2001:db8::1]', true], ['sip:a@b.example;transport=tcp', true],
    ['0212 555 12 12', false], ['sip:@host', false], ['sip:user@', false], ['sip:user@-bad-.example', false], ['sip:user@host:99999', false], ['http://x', false], ['+0123', false],
  ])('%j is a forwarding target: %j', (target, ok) => {
    expect(isForwardingTarget(target)).toBe(ok);
  });
});
