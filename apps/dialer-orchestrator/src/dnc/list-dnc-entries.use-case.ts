import { Injectable } from '@nestjs/common';
import type { DncListRequest, DncPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { toDncEntryReply } from './dnc.view';
import { DncStore } from './dnc.store';

/** The list, newest first; `number` in any form the organization writes it finds that number's entry. */
@Injectable()
export class ListDncEntriesUseCase {
  constructor(
    private readonly dnc: DncStore,
    private readonly numbers: OrganizationNumbers,
  ) {}

  async execute(input: DncListRequest): Promise<DncPageReply> {
    const orgId = asOrgId(input.organizationId);
    const page = pageRequest(input.limit, input.cursor);
    if (input.number !== undefined) {
      const { e164 } = await this.numbers.normalizeOne(orgId, input.number, 'number');
      const entry = await this.dnc.findByNumber(orgId, e164);
      return { items: entry && !page.after ? [toDncEntryReply(entry)] : [], nextCursor: null };
    }
    const { items, nextCursor } = await this.dnc.page(orgId, page);
    return { items: items.map(toDncEntryReply), nextCursor };
  }
}
