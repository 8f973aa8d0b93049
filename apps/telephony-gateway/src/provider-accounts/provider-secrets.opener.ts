import { Inject, Injectable } from '@nestjs/common';
import { DomainError, PROVIDER_ACCOUNT_LIMITS as L } from '@santral/contracts';
import { Opener, SealedBoxError } from '@santral/messaging';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { TelephonyConfig } from '../config';

/**
 * Opens the provider secrets the api-gateway sealed for this service (telephony.rpc.ts
 * `sealedSecrets`): only the holder of TELEPHONY_SEALING_PRIVATE_KEY reads them, and a box
 * sealed for one organization does not open for another.
 */
@Injectable()
export class ProviderSecretsOpener {
  private readonly opener: Opener;

  constructor(@Inject(SERVICE_CONFIG) config: TelephonyConfig) {
    this.opener = new Opener(config.TELEPHONY_SEALING_PRIVATE_KEY);
  }

  open(sealed: string | undefined, organizationId: string): Record<string, string> {
    if (sealed === undefined) return {};
    let plain: string;
    try {
      plain = this.opener.open(sealed, organizationId);
    } catch (e) {
      if (e instanceof SealedBoxError) throw refused('is not sealed for this telephony-gateway and organization');
      throw e;
    }
    const secrets: unknown = JSON.parse(plain);
    if (!isSecretMap(secrets)) throw refused(`must hold at most ${L.secretKeys} non-empty strings of at most ${L.secretLength} characters`);
    return secrets;
  }
}

function isSecretMap(v: unknown): v is Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const values = Object.values(v);
  return values.length <= L.secretKeys && values.every((s) => typeof s === 'string' && s.length > 0 && s.length <= L.secretLength);
}

const refused = (message: string) => DomainError.validation([{ field: 'secrets', message: `secrets ${message}` }], 'The secrets are not valid');
