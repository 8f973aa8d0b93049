import { InMemoryDnc, InMemoryIdempotentCommands, ORG_A, ORG_B, organizationNumbers } from '../../test/fakes';
import { AddDncNumbersUseCase } from './add-dnc-numbers.use-case';
import { CheckDncNumbersUseCase } from './check-dnc-numbers.use-case';

describe('the bulk do-not-call check', () => {
  it('answers the listed numbers among those asked, each once, and only of the asking organization', async () => {
    const dnc = new InMemoryDnc();
    const add = new AddDncNumbersUseCase(dnc, organizationNumbers({ [ORG_A]: { defaultCountry: 'TR' }, [ORG_B]: { defaultCountry: 'TR' } }), new InMemoryIdempotentCommands());
    await add.execute({ organizationId: ORG_A, numbers: ['0555 123 45 67', '0532 000 00 01'] });
    await add.execute({ organizationId: ORG_B, numbers: ['0533 000 00 02'] });
    const check = new CheckDncNumbersUseCase(dnc);
    const reply = await check.execute({ organizationId: ORG_A, numbers: ['+905551234567', '+905551234567', '+905330000002', '+905320000009', '+905320000001'] });
    expect(reply.listed.sort()).toEqual(['+905320000001', '+905551234567']);
    await expect(check.execute({ organizationId: ORG_B, numbers: ['+905551234567'] })).resolves.toEqual({ listed: [] });
  });
});
