import { clientAddress, ipAllowed } from './ip-allow-list';

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

describe('clientAddress', () => {
  const trusted = ['10.0.0.0/8', '127.0.0.1'];
  it('is the socket address when nothing is trusted or the socket is not a trusted proxy', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', [])).toBe('127.0.0.1');
    expect(clientAddress('198.51.100.9', '203.0.113.7', trusted)).toBe('198.51.100.9');
    expect(clientAddress('10.1.2.3', undefined, trusted)).toBe('10.1.2.3');
  });

  it('walks X-Forwarded-For from the right past trusted proxies', () => {
    expect(clientAddress('10.1.2.3', '203.0.113.7', trusted)).toBe('203.0.113.7');
    expect(clientAddress('10.1.2.3', '203.0.113.7, 10.9.9.9', trusted)).toBe('203.0.113.7');
    // A client cannot choose its address by prepending one: the rightmost untrusted hop wins.
    expect(clientAddress('10.1.2.3', '203.0.113.99, 198.51.100.4, 10.9.9.9', trusted)).toBe('198.51.100.4');
    expect(clientAddress('127.0.0.1', ['203.0.113.7', '10.0.0.1'], trusted)).toBe('203.0.113.7');
  });
});
