import { agentRefusal, type DialerAgent } from './agent';

const ID = '0190d000-0000-7000-8000-0000000000a1';
const agent = (over: Partial<DialerAgent>): DialerAgent => ({ agentId: ID, name: 'Ada', active: true, complete: true, missingFields: [], deleted: false, ...over });

describe('agentRefusal (E4: AGENT_INACTIVE, then AGENT_INCOMPLETE)', () => {
  it.each([
    ['unknown to the dialer', null, 'AGENT_INACTIVE', /does not exist or was deleted/],
    ['deleted', agent({ deleted: true }), 'AGENT_INACTIVE', /does not exist or was deleted/],
    ['inactive', agent({ active: false }), 'AGENT_INACTIVE', /Ada .* is inactive/],
    ['inactive and incomplete: inactive first', agent({ active: false, complete: false, missingFields: ['voice'] }), 'AGENT_INACTIVE', /inactive/],
    ['incomplete, naming the fields', agent({ complete: false, missingFields: ['systemInstruction', 'voice'] }), 'AGENT_INCOMPLETE', /missing: systemInstruction, voice$/],
    ['incomplete without a field list', agent({ complete: false }), 'AGENT_INCOMPLETE', /missing: unspecified fields/],
  ] as const)('%s', (_name, a, code, message) => {
    const refusal = agentRefusal(a, ID);
    expect(refusal?.code).toBe(code);
    expect(refusal?.message).toMatch(message);
  });

  it('lets an active, complete agent take calls', () => {
    expect(agentRefusal(agent({}), ID)).toBeNull();
  });
});
