import { Injectable } from '@nestjs/common';
import { DomainError, type CallListContactsRequest, type ContactPageReply } from '@santral/contracts';
import { asOrgId, pageRequest } from '@santral/persistence';
import { toContactReply } from './call-list.view';
import { CallListsPort } from './call-lists.port';

/** A call list's contacts, newest first; another organization's list is NOT_FOUND. */
@Injectable()
export class ListContactsUseCase {
  constructor(private readonly lists: CallListsPort) {}

  async execute(input: CallListContactsRequest): Promise<ContactPageReply> {
    const orgId = asOrgId(input.organizationId);
    const page = pageRequest(input.limit, input.cursor);
    const listId = input.callListId.toLowerCase();
    if (!(await this.lists.find(orgId, listId))) throw new DomainError('NOT_FOUND', `Call list ${input.callListId} not found`);
    const { items, nextCursor } = await this.lists.contacts(orgId, listId, page);
    return { items: items.map(toContactReply), nextCursor };
  }
}
