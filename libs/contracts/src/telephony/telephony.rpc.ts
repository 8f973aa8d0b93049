import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsEntityId, IsIntBetween, IsJsonObject, IsText, IsTimestamp } from '../validation/decorators';
import { PROVIDER_ACCOUNT_TYPES, type ProviderAccountType } from '../vocabulary';

/**
 * Request and reply bodies of provider-account management (rpc.telephony.provider_account.*,
 * rpc.telephony.operator_map.set): api-gateway's /v1/provider-accounts asks, telephony-gateway
 * answers. The organization is always the caller's, set by the gateway from the API key.
 * Secrets go in and never come back: replies carry their names only.
 */

export const PROVIDER_ACCOUNT_LIMITS = {
  nameLength: 200,
  settingsBytes: 20_000,
  secretKeys: 50,
  secretLength: 4096,
  operators: 5000,
  employeeIdLength: 100,
  listPageSize: 200,
} as const;

const L = PROVIDER_ACCOUNT_LIMITS;

/**
 * Provider secrets never cross the bus in plain text: the api-gateway seals the JSON object of
 * secrets (`{ "authToken": "…" }`, each key and value within the limits above) for the
 * telephony-gateway's public key, with the organization id as the box's context (libs/messaging
 * `Sealer`, X25519 + HKDF-SHA256 + AES-256-GCM): `sealed.v1.<ephemeral key>.<iv>.<ciphertext>.<tag>`.
 * The telephony-gateway checks the box by opening it (VALIDATION_FAILED when it does not open).
 */
const SEALED_SECRETS_MAX = 4 * L.secretKeys * (L.secretLength + 200);

function IsSealedSecrets(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    MinLength(1)(target, key);
    MaxLength(SEALED_SECRETS_MAX)(target, key);
  };
}

/** One provider employee (CallGear employee_id) ↔ one Santral user (G4). */
export class ProviderOperatorMapping {
  @IsText(L.employeeIdLength)
  providerEmployeeId: string;

  @IsEntityId()
  userId: string;
}

/** rpc.telephony.provider_account.create */
export class ProviderAccountCreateRequest {
  @IsEntityId()
  organizationId: string;

  @IsIn(PROVIDER_ACCOUNT_TYPES)
  type: ProviderAccountType;

  @IsText(L.nameLength)
  name: string;

  /** Provider-specific, not secret (Twilio: accountSid, fromNumber; simulator: timeScale, seed). */
  @IsOptional()
  @IsJsonObject(L.settingsBytes)
  settings?: Record<string, unknown>;

  /** Write-only credentials (Twilio: authToken; CallGear: accessToken), sealed for the telephony-gateway. */
  @IsOptional()
  @IsSealedSecrets()
  sealedSecrets?: string;

  /**
   * The request's idempotency key as the gateway passes it on (sha-256 hex of `Idempotency-Key`):
   * a retry that reaches the telephony-gateway again answers with the account it already created.
   */
  @IsOptional()
  @IsText(128)
  idempotencyKey?: string;
}

/** rpc.telephony.provider_account.get | test | rotate_webhook_token: one account of the organization. */
export class ProviderAccountRequest {
  @IsEntityId()
  organizationId: string;

  @IsEntityId()
  id: string;
}

/** rpc.telephony.provider_account.list — keyset pages, newest first. */
export class ProviderAccountListRequest {
  @IsEntityId()
  organizationId: string;

  @IsOptional()
  @IsIntBetween(1, L.listPageSize)
  limit?: number;

  /** nextCursor of the previous page. */
  @IsOptional()
  @IsText(512)
  cursor?: string;
}

/** rpc.telephony.provider_account.update — name replaced; settings and secrets merged key by key. */
export class ProviderAccountUpdateRequest extends ProviderAccountRequest {
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @IsOptional()
  @IsJsonObject(L.settingsBytes)
  settings?: Record<string, unknown>;

  /** Secrets to merge in, sealed for the telephony-gateway like the create request's. */
  @IsOptional()
  @IsSealedSecrets()
  sealedSecrets?: string;
}

/** rpc.telephony.operator_map.set — replaces the account's whole operator map. */
export class OperatorMapSetRequest extends ProviderAccountRequest {
  @IsArray()
  @ArrayMaxSize(L.operators)
  @ValidateNested({ each: true })
  @Type(() => ProviderOperatorMapping)
  operators: ProviderOperatorMapping[];
}

/** A provider account as the API shows it: never the secrets, only their names. */
export class ProviderAccountReply {
  @IsEntityId()
  id: string;

  @IsEntityId()
  organizationId: string;

  @IsIn(PROVIDER_ACCOUNT_TYPES)
  type: ProviderAccountType;

  @IsText(L.nameLength)
  name: string;

  /** Merged over updates, so it may grow past one request's limit. */
  @IsJsonObject(1_048_576)
  settings: Record<string, unknown>;

  @IsArray()
  @ArrayMaxSize(L.secretKeys)
  @IsText(200, { each: true })
  secretNames: string[];

  /**
   * Paste into the provider's console (CallGear: append /handset, /endleg, /end, /recording, /legout, /callout).
   * It may carry a secret (CallGear's path token): show it to admins only.
   */
  @IsText(2048)
  webhookUrl: string;

  /** `webhookUrl` with every secret in it (CallGear's path token) replaced by `********`; what non-admins see. */
  @IsText(2048)
  maskedWebhookUrl: string;

  @IsArray()
  @ArrayMaxSize(L.operators)
  @ValidateNested({ each: true })
  @Type(() => ProviderOperatorMapping)
  operators: ProviderOperatorMapping[];

  @IsTimestamp()
  createdAt: string;

  @IsTimestamp()
  updatedAt: string;
}

/** rpc.telephony.provider_account.list reply. */
export class ProviderAccountPageReply {
  @IsArray()
  @ArrayMaxSize(L.listPageSize)
  @ValidateNested({ each: true })
  @Type(() => ProviderAccountReply)
  items: ProviderAccountReply[];

  /** Absent or null on the last page. */
  @IsOptional()
  @IsText(512)
  nextCursor?: string | null;
}

/**
 * Why a provider account test was refused, as a category: never the provider's own text (an
 * echoed upstream answer made the test a port and status oracle).
 */
export const PROVIDER_TEST_REFUSALS = ['credentials_rejected', 'unreachable', 'not_allowed', 'provider_error'] as const;
export type ProviderTestRefusal = (typeof PROVIDER_TEST_REFUSALS)[number];

/** rpc.telephony.provider_account.test reply: whether the provider accepted the credentials. */
export class ProviderAccountTestReply {
  @IsBoolean()
  ok: boolean;

  /**
   * Present when `ok` is false: `credentials_rejected` (the provider refused the keys),
   * `unreachable` (no answer in time), `not_allowed` (a settings URL outside the deployment's
   * allow-list: nothing was sent), `provider_error` (any other failure answer).
   */
  @IsOptional()
  @IsIn(PROVIDER_TEST_REFUSALS)
  reason?: ProviderTestRefusal;

  @IsTimestamp()
  testedAt: string;
}
