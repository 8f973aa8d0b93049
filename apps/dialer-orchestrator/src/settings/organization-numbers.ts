import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { normalizeMany, type PhoneResult, type ValidPhoneNumber } from '@santral/phone';
import { OrganizationSettingsRepository } from '@santral/service-kit';
import type { DialerOrganizationSettings } from './dialer-settings';

/**
 * Reads numbers the way the organization writes them (B1): libs/phone with its default country,
 * from the dialer's copy of the organization's settings. Before that copy has arrived a national
 * number cannot be read, so the request is refused as retryable rather than half-understood.
 */
@Injectable()
export class OrganizationNumbers {
  constructor(private readonly settings: OrganizationSettingsRepository) {}

  async normalize(orgId: OrgId, inputs: readonly string[], tx?: Tx): Promise<PhoneResult[]> {
    const stored = await this.settings.get<DialerOrganizationSettings>(orgId, tx);
    if (!stored) {
      throw new DomainError('SERVICE_UNAVAILABLE', "The dialer has not received this organization's settings yet; retry in a few seconds");
    }
    return normalizeMany(inputs, stored.settings.defaultCountry);
  }

  /** One number, or its phone error code as a 422 naming `field`. */
  async normalizeOne(orgId: OrgId, input: string, field: string): Promise<ValidPhoneNumber> {
    const [result] = await this.normalize(orgId, [input]);
    if (!result!.ok) throw new DomainError(result!.code, result!.reason, { errors: [{ field, message: result!.reason }] });
    return result!;
  }
}
