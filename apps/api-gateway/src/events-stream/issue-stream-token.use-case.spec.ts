import { asOrgId, type OrgId } from '@santral/persistence';
import { FakeClock } from '@santral/testing';
import type { Role } from '../auth/role';
import { IssueStreamTokenUseCase } from './issue-stream-token.use-case';
import { StreamTokenCodec, streamTokenKey } from './stream-token';
import { StreamUsersPort } from './stream-users.port';

const ORG_A = asOrgId('0190ffff-0000-7000-8000-00000000000a');
const ORG_B = asOrgId('0190ffff-0000-7000-8000-00000000000b');
const OPERATOR = '0190ffff-0000-7000-8000-0000000000a1';
const SUPERVISOR = '0190ffff-0000-7000-8000-0000000000a2';

class InMemoryStreamUsers extends StreamUsersPort {
  readonly rows: Array<{ orgId: OrgId; id: string; role: Role }> = [
    { orgId: ORG_A, id: OPERATOR, role: 'operator' },
    { orgId: ORG_A, id: SUPERVISOR, role: 'supervisor' },
  ];

  roleOf(orgId: OrgId, userId: string): Promise<Role | undefined> {
    return Promise.resolve(this.rows.find((r) => r.orgId === orgId && r.id === userId)?.role);
  }
}

function setup() {
  const clock = new FakeClock();
  const codec = new StreamTokenCodec(streamTokenKey('admin-key-0123456789abcdef', undefined));
  return { clock, codec, useCase: new IssueStreamTokenUseCase(new InMemoryStreamUsers(), codec, { ttlSeconds: 60 }, clock) };
}

describe('IssueStreamTokenUseCase', () => {
  it.each<[string, string | undefined, 'own' | 'all', string | null]>([
    ['an operator: their own screen-pops', OPERATOR, 'own', OPERATOR],
    ['an operator named in upper case', OPERATOR.toUpperCase(), 'own', OPERATOR],
    ['a supervisor: every screen-pop', SUPERVISOR, 'all', SUPERVISOR],
    ['no user: organization-wide', undefined, 'all', null],
  ])('grants %s, for the TTL', async (_name, userId, screenPops, boundTo) => {
    const { clock, codec, useCase } = setup();
    const issued = await useCase.execute(ORG_A, { userId });
    expect(issued).toEqual({ token: expect.stringMatching(/^est_/), expiresAt: new Date(clock.now().getTime() + 60_000), userId: boundTo, screenPops });
    expect(codec.verify(issued.token, clock.now())).toEqual({ organizationId: ORG_A, userId: boundTo, screenPops, expiresAt: issued.expiresAt });
  });

  it('is NOT_FOUND for a user of another organization or no user at all', async () => {
    const { useCase } = setup();
    await expect(useCase.execute(ORG_B, { userId: OPERATOR })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(useCase.execute(ORG_A, { userId: '0190ffff-0000-7000-8000-0000000000ff' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
