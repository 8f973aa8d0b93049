import type { CredentialsCheckDto, ProviderAccountDto, ProviderAccountPageDto } from './provider-account.dto';
import type { ProviderAccountPageReply as ProviderAccountPage, ProviderAccountReply as ProviderAccount, ProviderAccountTestReply as CredentialsCheck } from '@santral/contracts';

/** Only the listed fields leave the API (the organization is the caller's own). */
export function toProviderAccountDto(account: ProviderAccount): ProviderAccountDto {
  return {
    id: account.id,
    type: account.type,
    name: account.name,
    settings: account.settings,
    secretNames: account.secretNames,
    webhookUrl: account.webhookUrl,
    operators: account.operators.map((o) => ({ providerEmployeeId: o.providerEmployeeId, userId: o.userId })),
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

export function toProviderAccountPageDto(page: ProviderAccountPage): ProviderAccountPageDto {
  return { items: page.items.map(toProviderAccountDto), nextCursor: page.nextCursor ?? null };
}

export function toCredentialsCheckDto(check: CredentialsCheck): CredentialsCheckDto {
  return check.reason === undefined ? { ok: check.ok, testedAt: check.testedAt } : { ok: check.ok, reason: check.reason, testedAt: check.testedAt };
}
