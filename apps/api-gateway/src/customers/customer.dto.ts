import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, IsString, IsUrl, MaxLength } from 'class-validator';
import { CUSTOMER_LIMITS as L, ENRICHMENT_STATUSES, IsIntBetween, IsStringMap, IsText, TICKET_HANDSETS, TICKET_STATUSES } from '@santral/contracts';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';

const CUSTOM_FIELDS_DOC = {
  type: 'object',
  additionalProperties: { type: 'string', minLength: 1, maxLength: L.customFieldLength },
  maxProperties: L.customFields,
  description: 'Free key/values of the business; searched like the other texts',
  example: { musteriNo: 'A-1042', sehir: 'İzmir' },
} as const;

/** Every field of a customer, all optional (PATCH); POST requires `name`. */
export class CustomerFieldsDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.nameLength, example: 'Ayşe Yılmaz' })
  @IsOptional()
  @IsText(L.nameLength)
  name?: string;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: L.emailLength, example: 'ayse@ornek.com.tr' })
  @IsOptional()
  @IsText(L.emailLength)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: L.companyLength, example: 'Işık Lojistik' })
  @IsOptional()
  @IsText(L.companyLength)
  company?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, minLength: 1, maxLength: L.notesLength, example: 'Teslimat günü değişti' })
  @IsOptional()
  @IsText(L.notesLength)
  notes?: string | null;

  @ApiPropertyOptional(CUSTOM_FIELDS_DOC)
  @IsOptional()
  @IsStringMap(L.customFields, L.customFieldLength)
  customFields?: Record<string, string>;
}

export class CreateCustomerDto extends CustomerFieldsDto {
  @ApiProperty({ minLength: 1, maxLength: L.nameLength, example: 'Ayşe Yılmaz' })
  @IsText(L.nameLength)
  declare name: string;

  @ApiPropertyOptional({ type: 'array', items: { type: 'string', minLength: 1, maxLength: L.phoneInput }, maxItems: L.phones, description: "Any form; stored E.164 with the organization's default country", example: ['0555 123 45 67'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.phones)
  @IsText(L.phoneInput, { each: true })
  phones?: string[];
}

export class UpdateCustomerDto extends CustomerFieldsDto {}

export class LinkPhoneDto {
  @ApiProperty({ minLength: 1, maxLength: L.phoneInput, example: '+90 (555) 123-45-67', description: 'The number in any form (the caller of an unknown call, J2)' })
  @IsText(L.phoneInput)
  phone: string;
}

export class PhoneParamDto extends UuidParamDto {
  @ApiProperty({ minLength: 1, maxLength: L.phoneInput, example: '+905551234567', description: 'The number, E.164 or any form (URL-encode the `+`)' })
  @IsText(L.phoneInput)
  phone: string;
}

export class CustomerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: L.queryLength, description: 'Words to find in name, e-mail, company, notes and custom fields (each as a prefix; İ/ı, case and accents folded)', example: 'ışık' })
  @IsOptional()
  @IsText(L.queryLength)
  q?: string;
}

export class LookupQueryDto {
  @ApiProperty({ minLength: 1, maxLength: L.phoneInput, example: '0555 123 45 67', description: 'The caller as the PBX sends it: +90, 0, 00, spaces, dashes, brackets all match' })
  @IsText(L.phoneInput)
  phone: string;
}

export class CustomerDto {
  @ApiProperty({ format: 'uuid' }) customerId: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() company?: string;
  @ApiPropertyOptional() notes?: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) customFields: Record<string, string>;
  @ApiProperty({ type: [String], example: ['+905551234567'] }) phones: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CustomerPageDto {
  @ApiProperty({ type: [CustomerDto] }) items: CustomerDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CardTicketDto {
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty() subject: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: string;
  @ApiProperty({ enum: TICKET_HANDSETS }) handset: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CardCallDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ enum: ['outbound', 'inbound'] }) direction: string;
  @ApiProperty({ example: 'completed' }) reason: string;
  @ApiProperty({ type: 'integer' }) talkSeconds: number;
  @ApiProperty({ format: 'date-time' }) endedAt: string;
}

export class CardEnrichmentDto {
  @ApiProperty({ enum: ENRICHMENT_STATUSES, description: 'off: no lookup URL; timeout/failed: the card came without it' }) status: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: "What the business's system answered (ok, cached)" }) data?: Record<string, unknown>;
}

export class CustomerCardDto {
  @ApiProperty({ description: 'false: the "new customer" card' }) matched: boolean;
  @ApiPropertyOptional({ example: '+905551234567', description: 'The number in E.164, when it normalizes' }) phone?: string;
  @ApiProperty({ example: '0555 123 45 67' }) rawPhone: string;
  @ApiPropertyOptional({ type: CustomerDto }) customer?: CustomerDto;
  @ApiProperty({ type: 'integer' }) openTicketCount: number;
  @ApiProperty({ type: [CardTicketDto] }) openTickets: CardTicketDto[];
  @ApiPropertyOptional({ format: 'uuid' }) lastTicketId?: string;
  @ApiProperty({ type: [CardCallDto], description: "The number's last calls, newest first" }) lastCalls: CardCallDto[];
  @ApiProperty({ type: CardEnrichmentDto }) enrichment: CardEnrichmentDto;
}

export class EnrichmentSettingsDto {
  @ApiPropertyOptional({ type: String, nullable: true, format: 'uri', maxLength: 2000, example: 'https://crm.example.com/santral/lookup', description: 'POSTed `{phone, rawPhone, customerId}`, signed with Standard Webhooks headers; `null` turns enrichment off' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url?: string | null;

  @ApiPropertyOptional({ type: 'integer', minimum: L.enrichmentTimeout.min, maximum: L.enrichmentTimeout.max, default: L.enrichmentTimeout.default, description: 'The card waits at most this long' })
  @IsOptional()
  @IsIntBetween(L.enrichmentTimeout.min, L.enrichmentTimeout.max)
  timeoutMs?: number;

  @ApiPropertyOptional({ description: 'Make a new signing secret (shown once in the answer)' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}

export class EnrichmentDto {
  @ApiProperty() enabled: boolean;
  @ApiPropertyOptional() url?: string;
  @ApiProperty({ type: 'integer' }) timeoutMs: number;
  @ApiPropertyOptional({ description: 'The `whsec_` signing secret; only in the answer that made it' }) secret?: string;
}
