import { Injectable } from '@nestjs/common';
import type { OrgId } from '@santral/persistence';
import { normalizeMany, type PhoneErrorCode, type PhoneType } from '@santral/phone';
import { DomainError } from '@santral/contracts';
import { OrganizationsPort } from '../organizations/organizations.port';

export const MAX_NUMBERS_PER_BATCH = 10_000;

export type NormalizedNumber =
  | { input: string; e164: string; country: string | null; type: PhoneType }
  | { input: string; error: { code: PhoneErrorCode; reason: string } };

export interface NormalizePhoneNumbersInput {
  numbers: string[];
  /** ISO alpha-2 for national numbers; the organization's default country when omitted. */
  defaultCountry?: string;
}

/** Batch E.164 normalization (B1): each input, in order, becomes a number or a reason. */
@Injectable()
export class NormalizePhoneNumbersUseCase {
  constructor(private readonly organizations: OrganizationsPort) {}

  async execute(orgId: OrgId, input: NormalizePhoneNumbersInput): Promise<NormalizedNumber[]> {
    if (input.numbers.length > MAX_NUMBERS_PER_BATCH) {
      throw DomainError.validation([
        { field: 'numbers', message: `numbers must contain no more than ${MAX_NUMBERS_PER_BATCH} elements` },
      ]);
    }
    const country = input.defaultCountry ?? (await this.organizationCountry(orgId));
    return normalizeMany(input.numbers, country).map((result, i) => {
      const raw = input.numbers[i];
      return result.ok
        ? { input: raw, e164: result.e164, country: result.country, type: result.type }
        : { input: raw, error: { code: result.code, reason: result.reason } };
    });
  }

  private async organizationCountry(orgId: OrgId): Promise<string> {
    const organization = await this.organizations.findById(orgId);
    if (!organization) throw new DomainError('NOT_FOUND', `Organization ${orgId} not found`);
    return organization.defaultCountry;
  }
}
