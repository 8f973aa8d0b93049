import { Injectable } from '@nestjs/common';
import { DomainError, type HotlineReply, type HotlineRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { HotlineStore } from './hotline.store';
import { toHotlineReply } from './hotline.view';

@Injectable()
export class GetHotlineUseCase {
  constructor(private readonly hotlines: HotlineStore) {}

  async execute(input: HotlineRequest): Promise<HotlineReply> {
    const hotline = await this.hotlines.findById(asOrgId(input.organizationId), input.id.toLowerCase());
    if (!hotline) throw new DomainError('NOT_FOUND', `Hotline ${input.id} not found`);
    return toHotlineReply(hotline);
  }
}
