import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@santral/service-kit';
import type { DialerConfig } from '../config';
import { StaleOperators } from './stale-operators';

/**
 * E8: an operator must not stay wedged by a call. Frees (makes available) every operator held by a
 * call that has ended, or by a call the dialer does not know (neither dialled nor waiting to be)
 * once their presence is older than OPERATOR_SWEEP_GRACE_MS. Returns how many it freed.
 */
@Injectable()
export class ReleaseStaleOperatorsUseCase {
  private readonly logger = new Logger(ReleaseStaleOperatorsUseCase.name);

  constructor(
    private readonly stale: StaleOperators,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<DialerConfig, 'OPERATOR_SWEEP_GRACE_MS'>,
  ) {}

  async execute(limit = 500): Promise<number> {
    const freed = await this.stale.release(this.config.OPERATOR_SWEEP_GRACE_MS, limit);
    for (const f of freed) this.logger.log(`operator ${f.userId} of ${f.organizationId} freed from stale call ${f.callId}`);
    return freed.length;
  }
}
