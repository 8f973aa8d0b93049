import { Injectable } from '@nestjs/common';
import { asOrgId, type Tx } from '@santral/persistence';
import { foldFact, type CallFact } from './call-track';
import { CallSettlement } from './call-settlement';
import { CallTracksPort } from './tickets.port';

/**
 * One call fact (telephony or dialer) → the call's track, then whatever tickets its end asks for
 * (J3–J10), in the consumer's inbox transaction. Facts arrive in any order and more than once: the
 * track folds them order-free and each settlement step runs once.
 */
@Injectable()
export class RecordCallFactUseCase {
  constructor(
    private readonly tracks: CallTracksPort,
    private readonly settlement: CallSettlement,
  ) {}

  async execute(organizationId: string, callId: string, fact: CallFact, tx: Tx): Promise<void> {
    const orgId = asOrgId(organizationId);
    const track = foldFact(await this.tracks.lockOrCreate(orgId, callId, tx), fact);
    const at = new Date(fact.at);
    const settled = await this.settlement.settle(orgId, callId, track, at, tx);
    await this.tracks.save(orgId, callId, settled, at, tx);
  }
}
