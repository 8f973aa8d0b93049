import { Inject, Injectable } from '@nestjs/common';
import { Sealer } from '@santral/messaging';
import type { OrgId } from '@santral/persistence';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { GatewayConfig } from '../config';

/**
 * Clients send plain `secrets` over HTTPS to the gateway; on the bus they travel sealed for the
 * telephony-gateway (TELEPHONY_SEALING_PUBLIC_KEY), bound to the caller's organization.
 */
@Injectable()
export class ProviderSecretsSealer {
  private readonly sealer: Sealer;

  constructor(@Inject(SERVICE_CONFIG) config: GatewayConfig) {
    this.sealer = new Sealer(config.TELEPHONY_SEALING_PUBLIC_KEY);
  }

  seal(orgId: OrgId, secrets: Record<string, string> | undefined): { sealedSecrets?: string } {
    return secrets === undefined ? {} : { sealedSecrets: this.sealer.seal(JSON.stringify(secrets), orgId) };
  }
}
