import { Injectable } from '@nestjs/common';
import type { CallListListRequest, CallListPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { toCallListReply } from './call-list.view';
import { CallListsPort } from './call-lists.port';

@Injectable()
export class ListCallListsUseCase {
  constructor(private readonly lists: CallListsPort) {}

  async execute(input: CallListListRequest): Promise<CallListPageReply> {
    const { items, nextCursor } = await this.lists.page(asOrgId(input.organizationId), pageRequest(input.limit, input.cursor));
    return { items: items.map(toCallListReply), nextCursor };
  }
}
