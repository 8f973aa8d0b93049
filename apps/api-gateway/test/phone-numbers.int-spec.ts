import { ADMIN_KEY, expectProblem, startGateway, type Gateway } from './gateway-harness';

let gw: Gateway;
beforeAll(async () => {
  gw = await startGateway('gw_phone');
});
afterAll(async () => gw?.close());

const URL = '/v1/phone-numbers/normalize';

describe('POST /v1/phone-numbers/normalize', () => {
  it('answers each input in order: E.164 or a reason', async () => {
    const org = await gw.createOrg({ defaultCountry: 'TR' });
    const res = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers: ['0555 123 45 67', 'call me', '+44 20 7946 0958', '12'] } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      results: [
        { input: '0555 123 45 67', e164: '+905551234567', country: 'TR', type: 'mobile' },
        { input: 'call me', error: { code: 'NOT_A_NUMBER', reason: expect.stringMatching(/^Invalid phone number format: /) } },
        { input: '+44 20 7946 0958', e164: '+442079460958', country: 'GB', type: 'fixed_line' },
        { input: '12', error: { code: expect.any(String), reason: expect.any(String) } },
      ],
    });
  });

  it('uses the organization\'s default country, or the one given', async () => {
    const org = await gw.createOrg({ defaultCountry: 'GB' });
    const byOrg = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers: ['020 7946 0958'] } });
    expect(byOrg.json().results[0]).toMatchObject({ e164: '+442079460958', country: 'GB' });
    const given = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers: ['0555 123 45 67'], defaultCountry: 'tr' } });
    expect(given.json().results[0]).toMatchObject({ e164: '+905551234567', country: 'TR' });
  });

  it('takes 10,000 numbers and refuses 10,001 with VALIDATION_FAILED', async () => {
    const org = await gw.createOrg();
    const numbers = Array.from({ length: 10_000 }, (_, i) => `+90555${String(1_000_000 + i).slice(-7)}`);
    const ok = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers } });
    expect(ok.statusCode).toBe(200);
    const results = ok.json<{ results: Array<{ input: string; e164?: string }> }>().results;
    expect(results).toHaveLength(10_000);
    expect(results[9_999]).toMatchObject({ input: numbers[9_999], e164: numbers[9_999] });

    const tooMany = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers: [...numbers, '+905551234567'] } });
    const problem = expectProblem(tooMany, 422, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([{ field: 'numbers', message: 'numbers must contain no more than 10000 elements' }]);
  });

  it('is open to every role of an organization, not to the platform key', async () => {
    const org = await gw.createOrg();
    const op = await gw.request({ method: 'POST', url: '/v1/api-keys', key: org.key, body: { name: 'op', role: 'operator' } });
    const res = await gw.request({ method: 'POST', url: URL, key: op.json().key, body: { numbers: ['+905551234567'] } });
    expect(res.statusCode).toBe(200);
    expectProblem(await gw.request({ method: 'POST', url: URL, key: ADMIN_KEY, body: { numbers: [] } }), 403, 'FORBIDDEN');
  });

  it('refuses non-string numbers and unknown countries', async () => {
    const org = await gw.createOrg();
    const res = await gw.request({ method: 'POST', url: URL, key: org.key, body: { numbers: ['+905551234567', 5551234567], defaultCountry: 'XX' } });
    const problem = expectProblem(res, 422, 'VALIDATION_FAILED');
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['defaultCountry', 'numbers']);
  });
});
