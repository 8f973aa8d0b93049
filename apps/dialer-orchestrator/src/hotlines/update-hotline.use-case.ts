import { Injectable } from '@nestjs/common';
import { DomainError, type HotlineReply, type HotlineUpdateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { HotlineStore, type HotlineChanges } from './hotline.store';
import { toHotlineReply } from './hotline.view';

/** Replaces the given fields; the number itself never changes (a new number is a new hotline). */
@Injectable()
export class UpdateHotlineUseCase {
  constructor(private readonly hotlines: HotlineStore) {}

  async execute(input: HotlineUpdateRequest): Promise<HotlineReply> {
    const changes: HotlineChanges = {
      ...(input.label !== undefined ? { label: input.label.trim() } : {}),
      ...(input.outboundAllowed !== undefined ? { outboundAllowed: input.outboundAllowed } : {}),
      ...(input.allowedGroups !== undefined ? { allowedGroups: input.allowedGroups } : {}),
    };
    if (Object.keys(changes).length === 0) {
      throw DomainError.validation([{ field: 'label', message: 'give at least one of label, outboundAllowed, allowedGroups' }], 'Nothing to change');
    }
    const updated = await this.hotlines.change(asOrgId(input.organizationId), input.id.toLowerCase(), changes);
    if (!updated) throw new DomainError('NOT_FOUND', `Hotline ${input.id} not found`);
    return toHotlineReply(updated);
  }
}
