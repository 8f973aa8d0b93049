import { Injectable } from '@nestjs/common';
import type { HotlineListRequest, HotlinePageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { HotlineStore } from './hotline.store';
import { toHotlineReply } from './hotline.view';

@Injectable()
export class ListHotlinesUseCase {
  constructor(private readonly hotlines: HotlineStore) {}

  async execute(input: HotlineListRequest): Promise<HotlinePageReply> {
    const { items, nextCursor } = await this.hotlines.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor));
    return { items: items.map(toHotlineReply), nextCursor };
  }
}
