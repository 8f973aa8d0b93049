import { ProviderUrlNotAllowedError, ProviderUrlPolicy } from './provider-url.policy';

describe('ProviderUrlPolicy (provider base URLs are deployment config)', () => {
  const policy = new ProviderUrlPolicy(['https://api.twilio.com', 'https://eu.example-provider.com/api/v2']);

  it.each([
    ['https://api.twilio.com', 'https://api.twilio.com'],
    ['https://api.twilio.com/', 'https://api.twilio.com'],
    ['https://API.Twilio.com:443/2010-04-01/', 'https://api.twilio.com/2010-04-01'],
    ['https://eu.example-provider.com/api/v2', 'https://eu.example-provider.com/api/v2'],
    ['https://eu.example-provider.com/api/v2/calls', 'https://eu.example-provider.com/api/v2/calls'],
  ])('allows %s (used as %s)', (url, used) => {
    expect(policy.problem('settings.baseUrl', url)).toBeUndefined();
    expect(policy.resolve('settings.baseUrl', url, 'https://default')).toBe(used);
  });

  it.each([
    'http://api.twilio.com', // another scheme
    'https://api.twilio.com:8443', // another port
    'https://api.twilio.com.evil.example', // a suffix is another host
    'https://evil.example/api.twilio.com',
    'http://127.0.0.1:5432',
    'http://localhost:4222',
    'http://10.0.0.7',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]:3091',
    'https://eu.example-provider.com/api/v2x', // a path prefix only at a segment boundary
    'https://eu.example-provider.com/api/v2/../../admin', // dot segments normalized before the check
    'https://eu.example-provider.com/api',
  ])('refuses %s as not allowed', (url) => {
    expect(policy.problem('settings.baseUrl', url)).toBe("settings.baseUrl is not an allowed provider URL (the deployment's allow-list decides)");
    expect(() => policy.resolve('settings.baseUrl', url, 'https://default')).toThrow(ProviderUrlNotAllowedError);
  });

  it.each([
    'https://api.twilio.com/?', // a trailing ? would turn the appended path into a query
    'https://api.twilio.com/x?a=1',
    'https://api.twilio.com#',
    'https://user:secret@api.twilio.com',
    'https://api.twilio.com@127.0.0.1',
    'https://api.twilio.com\\@127.0.0.1',
    ' https://api.twilio.com',
    'ftp://api.twilio.com',
    'file:///etc/passwd',
    'not a url',
    42,
    null,
  ])('refuses %j as malformed', (url) => {
    expect(policy.problem('settings.baseUrl', url)).toBe('settings.baseUrl must be an http(s) base URL without credentials, query or fragment');
    expect(() => policy.resolve('settings.baseUrl', url, 'https://default')).toThrow(ProviderUrlNotAllowedError);
  });

  it('absent means the deployment default', () => {
    expect(policy.problem('settings.baseUrl', undefined)).toBeUndefined();
    expect(policy.resolve('settings.baseUrl', undefined, 'https://api.twilio.com')).toBe('https://api.twilio.com');
  });

  it('development mode (TELEPHONY_ALLOW_TENANT_URLS) allows any well-formed http(s) URL, still no query or credentials', () => {
    const dev = new ProviderUrlPolicy([], true);
    expect(dev.resolve('settings.baseUrl', 'http://127.0.0.1:9999/', 'https://default')).toBe('http://127.0.0.1:9999');
    expect(dev.problem('settings.baseUrl', 'http://127.0.0.1:9999/?')).toMatch(/without credentials, query or fragment/);
  });

  it('refuses a malformed allow-list entry at construction', () => {
    expect(() => new ProviderUrlPolicy(['https://ok.example', 'https://x.example/?'])).toThrow(/not a base URL/);
  });
});
