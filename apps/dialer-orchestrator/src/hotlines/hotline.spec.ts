import type { Hotline } from './hotline';
import { hotlineRefusal } from './hotline';

const hotline = (over: Partial<Hotline> = {}): Hotline => ({
  id: 'h',
  organizationId: 'o',
  number: '+902125551212',
  label: 'Sales',
  outboundAllowed: true,
  allowedGroups: [],
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

describe('hotlineRefusal (E4 caller-number checks, in order)', () => {
  it.each([
    ['unknown number', null, ['sales'], 'FROM_NUMBER_NOT_FOUND'],
    ['unknown number, no user', null, undefined, 'FROM_NUMBER_NOT_FOUND'],
    ['outbound barred', hotline({ outboundAllowed: false }), ['sales'], 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['outbound barred, no user', hotline({ outboundAllowed: false }), undefined, 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['outbound barred beats allowed group', hotline({ outboundAllowed: false, allowedGroups: ['sales'] }), ['sales'], 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['no group restriction', hotline(), ['anything'], null],
    ['no group restriction, user without groups', hotline(), [], null],
    ['group allowed', hotline({ allowedGroups: ['sales', 'support'] }), ['support'], null],
    ['one of the user groups allowed', hotline({ allowedGroups: ['sales'] }), ['billing', 'sales'], null],
    ['group not allowed', hotline({ allowedGroups: ['sales'] }), ['support'], 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['user without groups on a restricted number', hotline({ allowedGroups: ['sales'] }), [], 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['group names are exact', hotline({ allowedGroups: ['sales'] }), ['Sales'], 'FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT'],
    ['no user (AI agent) on a restricted number', hotline({ allowedGroups: ['sales'] }), undefined, null],
  ] as const)('%s', (_name, h, groups, expected) => {
    expect(hotlineRefusal(h, groups)).toBe(expected);
  });
});
