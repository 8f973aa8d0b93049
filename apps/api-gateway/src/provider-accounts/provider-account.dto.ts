import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, ValidateNested } from 'class-validator';
import {
  IsEntityId,
  IsJsonObject,
  IsStringMap,
  IsText,
  PROVIDER_ACCOUNT_LIMITS as LIMITS,
  PROVIDER_ACCOUNT_TYPES,
  PROVIDER_TEST_REFUSALS,
  type ProviderAccountType,
  type ProviderTestRefusal,
} from '@santral/contracts';

const SETTINGS_DOC = {
  type: 'object',
  additionalProperties: true,
  description:
    'Provider settings, not secret. simulator: `timeScale`, `seed`, `baseUrl`; twilio: `baseUrl`, TwiML options; ' +
    'callgear: `employeeId`, `allowedIps`, `sipDomain`, `callApiUrl`, `dataApiUrl`, transfer hold options, `timeZone` (IANA zone its times are read in; default UTC).',
  example: { timeScale: 60 },
} as const;

const SECRETS_DOC = {
  type: 'object',
  additionalProperties: { type: 'string', minLength: 1, maxLength: LIMITS.secretLength },
  maxProperties: LIMITS.secretKeys,
  writeOnly: true,
  description:
    'Credentials, write-only: stored encrypted, never returned (responses list `secretNames`). twilio: `accountSid`, ' +
    '`authToken`; callgear: `apiKey`, `dataApiKey`, `webhookToken` (generated when omitted); simulator: `apiKey`, ' +
    '`signingSecret` (generated when omitted).',
  example: { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: '…' },
} as const;

export class CreateProviderAccountDto {
  @ApiProperty({ enum: PROVIDER_ACCOUNT_TYPES, example: 'twilio' })
  @IsIn(PROVIDER_ACCOUNT_TYPES)
  type: ProviderAccountType;

  @ApiProperty({ minLength: 1, maxLength: LIMITS.nameLength, example: 'Twilio production' })
  @IsText(LIMITS.nameLength)
  name: string;

  @ApiPropertyOptional(SETTINGS_DOC)
  @IsOptional()
  @IsJsonObject(LIMITS.settingsBytes)
  settings?: Record<string, unknown>;

  @ApiPropertyOptional(SECRETS_DOC)
  @IsOptional()
  @IsStringMap(LIMITS.secretKeys, LIMITS.secretLength)
  secrets?: Record<string, string>;
}

/** The type cannot change; settings and secrets are merged key by key into the stored ones. */
export class UpdateProviderAccountDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: LIMITS.nameLength })
  @IsOptional()
  @IsText(LIMITS.nameLength)
  name?: string;

  @ApiPropertyOptional({ ...SETTINGS_DOC, description: `${SETTINGS_DOC.description} Merged into the stored settings.` })
  @IsOptional()
  @IsJsonObject(LIMITS.settingsBytes)
  settings?: Record<string, unknown>;

  @ApiPropertyOptional({ ...SECRETS_DOC, description: `${SECRETS_DOC.description} Merged into the stored secrets.` })
  @IsOptional()
  @IsStringMap(LIMITS.secretKeys, LIMITS.secretLength)
  secrets?: Record<string, string>;
}

/** CallGear sends employee ids as numbers: a whole number is taken as its decimal string. */
const EmployeeIdAsString = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value));

export class OperatorMappingDto {
  @ApiProperty({
    oneOf: [
      { type: 'string', minLength: 1, maxLength: LIMITS.employeeIdLength },
      { type: 'integer', minimum: 0 },
    ],
    description: "The provider's employee id (CallGear `employee_id`)",
    example: '17',
  })
  @EmployeeIdAsString()
  @IsText(LIMITS.employeeIdLength)
  providerEmployeeId: string;

  @ApiProperty({ format: 'uuid', description: 'A user of this organization (GET /v1/users)' })
  @IsEntityId()
  userId: string;
}

export class SetOperatorsDto {
  @ApiProperty({ type: [OperatorMappingDto], maxItems: LIMITS.operators, description: 'The whole map: it replaces the stored one' })
  @IsArray()
  @ArrayMaxSize(LIMITS.operators)
  @ValidateNested({ each: true })
  @Type(() => OperatorMappingDto)
  operators: OperatorMappingDto[];
}

export class OperatorDto {
  @ApiProperty({ example: '17' })
  providerEmployeeId: string;

  @ApiProperty({ format: 'uuid' })
  userId: string;
}

export class ProviderAccountDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PROVIDER_ACCOUNT_TYPES })
  type: ProviderAccountType;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  settings: Record<string, unknown>;

  @ApiProperty({ type: [String], description: 'Names of the stored secrets (their values are never returned)', example: ['accountSid', 'authToken'] })
  secretNames: string[];

  @ApiProperty({
    format: 'uri',
    description:
      "Paste into the provider's console (CallGear: append /handset, /endleg, /end, /recording, /legout, /callout). A CallGear URL " +
      'carries a secret path token: only admin keys see it; supervisor keys get the URL with the token replaced by `********` ' +
      '(rotate it with POST /v1/provider-accounts/{id}/webhook-token).',
    example: 'https://telephony.example.com/webhooks/callgear/0190c000-0000-7000-8000-0000000000aa/********',
  })
  webhookUrl: string;

  @ApiProperty({ type: [OperatorDto] })
  operators: OperatorDto[];

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class ProviderAccountPageDto {
  @ApiProperty({ type: [ProviderAccountDto] })
  items: ProviderAccountDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last' })
  nextCursor: string | null;
}

export class CredentialsCheckDto {
  @ApiProperty({ description: 'Whether the provider accepted the credentials' })
  ok: boolean;

  @ApiPropertyOptional({
    enum: PROVIDER_TEST_REFUSALS,
    description:
      'When refused: `credentials_rejected` (the provider refused the credentials), `unreachable` (no answer), ' +
      "`not_allowed` (a settings URL outside the deployment's allow-list; nothing was sent), `provider_error` (any other failure)",
  })
  reason?: ProviderTestRefusal;

  @ApiProperty({ format: 'date-time' })
  testedAt: string;
}
