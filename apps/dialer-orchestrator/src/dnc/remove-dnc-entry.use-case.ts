import { Injectable } from '@nestjs/common';
import { DomainError, type DncRemovedReply, type DncRemoveRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { DncStore } from './dnc.store';

/** Takes a number off the list: it may be dialled again. Another organization's entry is NOT_FOUND. */
@Injectable()
export class RemoveDncEntryUseCase {
  constructor(private readonly dnc: DncStore) {}

  async execute(input: DncRemoveRequest): Promise<DncRemovedReply> {
    const removed = await this.dnc.remove(asOrgId(input.organizationId), input.id.toLowerCase());
    if (!removed) throw new DomainError('NOT_FOUND', `DNC entry ${input.id} not found`);
    return { id: removed.id, number: removed.number };
  }
}
