import { InMemoryOrganizations, ORG_A, ORG_B, organization } from '../../test/fakes';
import { MAX_NUMBERS_PER_BATCH, NormalizePhoneNumbersUseCase } from './normalize-phone-numbers.use-case';

describe('NormalizePhoneNumbersUseCase', () => {
  const organizations = new InMemoryOrganizations();
  organizations.rows.set(ORG_A, organization(ORG_A, { defaultCountry: 'TR' }));
  const useCase = new NormalizePhoneNumbersUseCase(organizations);

  it('answers every input in order, with a reason for the bad ones', async () => {
    const results = await useCase.execute(ORG_A, { numbers: ['0555 123 45 67', 'hello', '+44 20 7946 0958'] });
    expect(results).toEqual([
      { input: '0555 123 45 67', e164: '+905551234567', country: 'TR', type: 'mobile' },
      { input: 'hello', error: { code: 'NOT_A_NUMBER', reason: expect.stringMatching(/^Invalid phone number format: /) } },
      { input: '+44 20 7946 0958', e164: '+442079460958', country: 'GB', type: 'fixed_line' },
    ]);
  });

  it('uses the given country over the organization\'s', async () => {
    const [result] = await useCase.execute(ORG_A, { numbers: ['020 7946 0958'], defaultCountry: 'GB' });
    expect(result).toMatchObject({ e164: '+442079460958', country: 'GB' });
  });

  it('is NOT_FOUND when the organization is gone', async () => {
    await expect(useCase.execute(ORG_B, { numbers: ['0555 123 45 67'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses more than 10,000 numbers', async () => {
    const numbers = new Array<string>(MAX_NUMBERS_PER_BATCH + 1).fill('+905551234567');
    await expect(useCase.execute(ORG_A, { numbers })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
