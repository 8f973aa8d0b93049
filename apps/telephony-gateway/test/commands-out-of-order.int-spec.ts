import { v4 as uuidv4 } from 'uuid';
import { sealForTests, waitFor } from '@santral/testing';
import { CreateProviderAccountUseCase } from '../src/provider-accounts/create-provider-account.use-case';
import { type GatewayHarness, SIGNING_SECRET, startGateway } from './support/gateway-harness';

jest.setTimeout(60_000);

// Issue 9 item 11: the outbox relay keeps no order across passes and replicas, so a consumer must
// tolerate any order. The telephony-gateway's commands: a hangup relayed before its originate, and
// duplicates of both, still end the call exactly once and never dial it.
describe('telephony commands out of order and duplicated', () => {
  let h: GatewayHarness;
  let accountId: string;

  beforeAll(async () => {
    h = await startGateway('tg_order');
    const account = await h.app.get(CreateProviderAccountUseCase).execute({
      organizationId: h.orgId, type: 'simulator', name: 'Sim',
      settings: { timeScale: 60, seed: 5, ringSeconds: { min: 20, max: 25 }, talkSeconds: { min: 30, max: 40 } },
      sealedSecrets: sealForTests(h.orgId, { apiKey: 'sk_test', signingSecret: SIGNING_SECRET }),
    });
    accountId = account.id;
  });

  afterAll(async () => {
    await h?.close();
  });

  const originate = (callId: string) => ({
    organizationId: h.orgId, callId, attempt: 1, kind: 'single', providerAccountId: accountId,
    from: '+902125550000', to: '+905551290005', ringTimeoutSeconds: 30, record: false,
  });

  it('a hangup ahead of its originate (twice each): never dialled, ended once as cancelled', async () => {
    const callId = uuidv4();
    const hangup = { organizationId: h.orgId, callId, reason: 'cancelled_by_user' };
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    await waitFor(async () => (await h.count('call_cancellations')) === 1, 10_000, 'the early hangup kept');
    await h.sendCommand('telephony.call.originate.v1', originate(callId));
    await h.sendCommand('telephony.call.originate.v1', originate(callId));
    const ended = await h.waitForEvent(callId, 'telephony.call.ended.v1');
    expect(ended.data).toMatchObject({ endReason: { status: 'cancelled', reason: 'cancelled_by_user' } });
    await new Promise((r) => setTimeout(r, 1000)); // let any second delivery land
    const types = (await h.events(callId)).map((e) => e.type);
    expect(types).toEqual(['telephony.call.ended.v1']); // no initiated: nothing was dialled
    const [row] = await h.db.dataSource.query('SELECT provider_call_id FROM telephony_calls WHERE call_id = $1', [callId]);
    expect(row.provider_call_id).toBeNull();
  });

  it('a hangup of a call whose originate claimed it and never dialled (its process died): kept, not retried into the dead letters', async () => {
    const callId = uuidv4();
    // The claim row an originate commits before it calls the provider, as a SIGKILL leaves it.
    await h.db.dataSource.query(
      `INSERT INTO telephony_calls (call_id, organization_id, provider_account_id, provider, direction, attempt, state, from_number, to_number, deadline_at)
       VALUES ($1, $2, $3, 'simulator', 'outbound', 1, 'initiated', '+902125550000', '+905551290005', now() + interval '30 seconds')`,
      [callId, h.orgId, accountId],
    );
    const applied = await h.count('inbox');
    const hangup = { organizationId: h.orgId, callId, reason: 'agent_hung_up' };
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    // Both deliveries applied (an inbox row commits only with a handler that succeeded): none is retried.
    await waitFor(async () => (await h.count('inbox')) === applied + 2, 10_000, 'both hangups applied, not retried');
    const kept: unknown[] = await h.db.dataSource.query('SELECT 1 FROM call_cancellations WHERE call_id = $1', [callId]);
    expect(kept).toHaveLength(1);
    // A redelivered originate of it finds the claim and does not dial (DESIGN §8.2).
    const [row] = await h.db.dataSource.query('SELECT provider_call_id FROM telephony_calls WHERE call_id = $1', [callId]);
    expect(row.provider_call_id).toBeNull();
  });

  it('a hangup after its originate, delivered twice: hung up at the provider, ended once', async () => {
    const callId = uuidv4();
    await h.sendCommand('telephony.call.originate.v1', originate(callId));
    await h.waitForEvent(callId, 'telephony.call.initiated.v1');
    const hangup = { organizationId: h.orgId, callId, reason: 'agent_hung_up' };
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    await h.sendCommand('telephony.call.hangup.v1', hangup);
    await h.waitForEvent(callId, 'telephony.call.ended.v1');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await h.events(callId)).filter((e) => e.type === 'telephony.call.ended.v1')).toHaveLength(1);
  });
});
