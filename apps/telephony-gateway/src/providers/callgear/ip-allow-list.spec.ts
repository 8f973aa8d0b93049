import { ipAllowed } from './ip-allow-list';

describe('ipAllowed', () => {
  it.each([
    ['203.0.113.7', ['203.0.113.0/24'], true],
    ['::ffff:203.0.113.7', ['203.0.113.0/24'], true],
    ['203.0.114.7', ['203.0.113.0/24'], false],
    ['10.0.0.1', ['10.0.0.1'], true],
    ['10.0.0.2', ['10.0.0.1', 'bogus/99'], false],
    ['::1', ['::1'], true],
  ])('%s in %j → %s', (ip, list, ok) => expect(ipAllowed(ip, list)).toBe(ok));
});
