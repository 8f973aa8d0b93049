import { Injectable } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import type { OrgId, Tx } from '@santral/persistence';
import { hotlineRefusal, type Hotline } from './hotline';
import { HotlineStore } from './hotline.store';

/**
 * The pre-dial path's caller-number check (E4: FROM_NUMBER_NOT_FOUND, then
 * FROM_NUMBER_NOT_ALLOWS_AGENT_CALL_OUT). `from` is E.164; `groups` are the calling user's (none for an AI agent's call).
 */
@Injectable()
export class HotlineCheck {
  constructor(private readonly hotlines: HotlineStore) {}

  async assertMayCallFrom(orgId: OrgId, from: string, groups?: readonly string[], tx?: Tx): Promise<Hotline> {
    const hotline = await this.hotlines.findByNumber(orgId, from, tx);
    const refusal = hotlineRefusal(hotline, groups);
    if (refusal) throw new DomainError(refusal, refusal === 'FROM_NUMBER_NOT_FOUND' ? `${from} is not a caller number of this organization` : `${from} may not be used to call out here`);
    return hotline!;
  }
}
