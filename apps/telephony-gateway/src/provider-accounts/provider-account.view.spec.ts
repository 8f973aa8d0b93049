import { maskSecrets, SECRET_MASK, secretsInUrl } from './provider-account.view';

describe('provider account view: secrets in the webhook URL', () => {
  const url = 'https://tg.example.com/webhooks/callgear/0190c000-0000-7000-8000-0000000000aa/tok_9f8e7d6c5b4a39281706f5e4';

  it('finds and masks every secret the URL carries, and nothing else', () => {
    const secrets = { apiKey: 'cg-api-key', webhookToken: 'tok_9f8e7d6c5b4a39281706f5e4' };
    expect(secretsInUrl(url, secrets)).toEqual(['webhookToken']);
    expect(maskSecrets(url, secrets)).toBe(`https://tg.example.com/webhooks/callgear/0190c000-0000-7000-8000-0000000000aa/${SECRET_MASK}`);
  });

  it('leaves a URL without secrets as it is (simulator, Twilio); empty secrets are never "found"', () => {
    const plain = 'https://tg.example.com/webhooks/twilio/0190c000-0000-7000-8000-0000000000aa/status';
    expect(maskSecrets(plain, { accountSid: 'AC123', authToken: 'tkn', empty: '' })).toBe(plain);
    expect(secretsInUrl(plain, { empty: '' })).toEqual([]);
  });

  it('masks whole path segments only: a short secret that occurs inside the host or the path is not carried by the URL', () => {
    const secrets = { webhookToken: 'tok_9f8e7d6c5b4a39281706f5e4', apiKey: 'k', other: '9f8e7d' };
    expect(secretsInUrl(url, secrets)).toEqual(['webhookToken']);
    expect(maskSecrets(url, secrets)).toBe(`https://tg.example.com/webhooks/callgear/0190c000-0000-7000-8000-0000000000aa/${SECRET_MASK}`);
  });
});
