import { RecordingServiceRpc } from '../../test/recording-service-rpc';
import { ORG_A } from '../../test/fakes';
import { ADMIN_VIEW, toProviderAccountDto, toProviderAccountPageDto } from './provider-account.presenter';

const ID = '0190c000-0000-7000-8000-0000000000aa';

describe('provider account presenter', () => {
  const account = new RecordingServiceRpc().account(ORG_A, ID);

  it('gives admins the webhook URL with its secret, everyone else the masked one', () => {
    expect(toProviderAccountDto(account, ADMIN_VIEW).webhookUrl).toBe(account.webhookUrl);
    expect(toProviderAccountDto(account, { revealSecrets: false }).webhookUrl).toBe(account.maskedWebhookUrl);
    expect(JSON.stringify(toProviderAccountPageDto({ items: [account], nextCursor: null }, { revealSecrets: false }))).not.toContain(account.webhookUrl);
  });

  it('never passes the masked URL or the organization on as fields of their own', () => {
    expect(Object.keys(toProviderAccountDto(account, ADMIN_VIEW))).not.toEqual(expect.arrayContaining(['maskedWebhookUrl']));
    expect(toProviderAccountDto(account, ADMIN_VIEW)).not.toHaveProperty('organizationId');
  });
});
