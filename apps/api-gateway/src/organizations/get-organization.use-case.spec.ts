import { InMemoryOrganizations, ORG_A, ORG_B, organization } from '../../test/fakes';
import { GetOrganizationUseCase } from './get-organization.use-case';

describe('GetOrganizationUseCase', () => {
  const organizations = new InMemoryOrganizations();
  organizations.rows.set(ORG_A, organization(ORG_A));
  organizations.rows.set(ORG_B, organization(ORG_B, { name: 'Beta' }));
  const useCase = new GetOrganizationUseCase(organizations);

  it('lets the platform admin read any organization', async () => {
    await expect(useCase.execute({ kind: 'platform' }, ORG_B)).resolves.toMatchObject({ id: ORG_B, name: 'Beta' });
  });

  it('lets a key read its own organization', async () => {
    const principal = { kind: 'organization' as const, organizationId: ORG_A, keyId: 'k', role: 'operator' as const };
    await expect(useCase.execute(principal, ORG_A.toUpperCase())).resolves.toMatchObject({ id: ORG_A });
  });

  it('answers NOT_FOUND, not FORBIDDEN, for another organization', async () => {
    const principal = { kind: 'organization' as const, organizationId: ORG_A, keyId: 'k', role: 'admin' as const };
    await expect(useCase.execute(principal, ORG_B)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
