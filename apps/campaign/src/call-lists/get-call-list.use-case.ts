import { Injectable } from '@nestjs/common';
import { DomainError, type CallListReply, type CallListRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toCallListReply } from './call-list.view';
import { CallListsPort } from './call-lists.port';

@Injectable()
export class GetCallListUseCase {
  constructor(private readonly lists: CallListsPort) {}

  async execute(input: CallListRequest): Promise<CallListReply> {
    const list = await this.lists.find(asOrgId(input.organizationId), input.callListId.toLowerCase());
    if (!list) throw new DomainError('NOT_FOUND', `Call list ${input.callListId} not found`);
    return toCallListReply(list);
  }
}
