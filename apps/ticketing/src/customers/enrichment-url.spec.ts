import { enrichmentUrlProblem } from './enrichment-url';

describe('enrichment URL rule', () => {
  it.each([
    ['https://crm.example.com/santral/lookup', null],
    ['http://203.0.113.10:8080/x', null],
    ['http://[2001:db8::1]/x', null],
    ['ftp://crm.example.com/x', 'url must be an http(s) URL'],
    ['not a url', 'url must be an http(s) URL'],
    ['https://user:pw@crm.example.com/x', 'url may not carry credentials: requests are signed instead'],
    ['http://localhost:3000/x', 'url may not point at this network'],
    ['http://api.localhost/x', 'url may not point at this network'],
    ['http://127.0.0.1/x', 'url may not point at this network'],
    ['http://10.1.2.3/x', 'url may not point at this network'],
    ['http://172.20.0.1/x', 'url may not point at this network'],
    ['http://192.168.1.1/x', 'url may not point at this network'],
    ['http://169.254.169.254/latest/meta-data', 'url may not point at this network'],
    ['http://0.0.0.0/x', 'url may not point at this network'],
    ['http://[::1]/x', 'url may not point at this network'],
    ['http://[::ffff:127.0.0.1]/x', 'url may not point at this network'],
    ['http://[fd00::1]/x', 'url may not point at this network'],
  ])('%s → %s', (url, problem) => {
    expect(enrichmentUrlProblem(url, false)).toBe(problem);
  });

  it('allows private hosts when told (development, tests), never another scheme', () => {
    expect(enrichmentUrlProblem('http://127.0.0.1:4000/lookup', true)).toBeNull();
    expect(enrichmentUrlProblem('file:///etc/passwd', true)).toBe('url must be an http(s) URL');
  });
});
