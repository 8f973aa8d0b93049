import type { CredentialsCheckDto, ProviderAccountDto, ProviderAccountPageDto } from './provider-account.dto';
import type { ProviderAccountPageReply as ProviderAccountPage, ProviderAccountReply as ProviderAccount, ProviderAccountTestReply as CredentialsCheck } from '@santral/contracts';

/** Whether the caller may see the secret part of a webhook URL (CallGear's path token): admins only. */
export interface SecretView {
  revealSecrets: boolean;
}

export const ADMIN_VIEW: SecretView = { revealSecrets: true };

/**
 * Only the listed fields leave the API (the organization is the caller's own). `webhookUrl` is the
 * full URL for admins and the masked one for everyone else.
 */
export function toProviderAccountDto(account: ProviderAccount, view: SecretView): ProviderAccountDto {
  return {
    id: account.id,
    type: account.type,
    name: account.name,
    settings: account.settings,
    secretNames: account.secretNames,
    webhookUrl: view.revealSecrets ? account.webhookUrl : account.maskedWebhookUrl,
    operators: account.operators.map((o) => ({ providerEmployeeId: o.providerEmployeeId, userId: o.userId })),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

export function toProviderAccountPageDto(page: ProviderAccountPage, view: SecretView): ProviderAccountPageDto {
  return { items: page.items.map((a) => toProviderAccountDto(a, view)), nextCursor: page.nextCursor ?? null };
}

export function toCredentialsCheckDto(check: CredentialsCheck): CredentialsCheckDto {
  return check.reason === undefined ? { ok: check.ok, testedAt: check.testedAt } : { ok: check.ok, reason: check.reason, testedAt: check.testedAt };
}
