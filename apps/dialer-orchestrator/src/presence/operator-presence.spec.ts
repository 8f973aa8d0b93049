import { operatorRefusal, type OperatorPresence } from './operator-presence';

const CALL = '0190e000-0000-7000-8000-000000000001';
const OTHER = '0190e000-0000-7000-8000-000000000002';
const p = (status: OperatorPresence['status'], currentCallId: string | null = null): OperatorPresence => ({ userId: 'u', status, currentCallId, endpoint: null, updatedAt: new Date(0) });

describe('operatorRefusal (E4 AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL)', () => {
  it.each([
    ['no presence known', null, undefined, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['offline', p('offline'), undefined, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['busy, no call', p('busy'), undefined, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['busy on another call', p('busy', OTHER), CALL, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['busy on a call, none being placed', p('busy', OTHER), undefined, 'AGENT_NOT_FOUND_OR_IN_ANOTHER_CALL'],
    ['busy on this very call', p('busy', CALL), CALL, null],
    ['available', p('available'), undefined, null],
    ['available, placing a call', p('available'), CALL, null],
  ] as const)('%s', (_name, presence, forCall, expected) => {
    expect(operatorRefusal(presence, forCall)).toBe(expected);
  });
});
