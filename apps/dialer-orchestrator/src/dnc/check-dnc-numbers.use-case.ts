import { Injectable } from '@nestjs/common';
import type { DncCheckReply, DncCheckRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { DncStore } from './dnc.store';

/** Which of up to 5,000 E.164 numbers are on the organization's do-not-call list (the campaign's import asks). */
@Injectable()
export class CheckDncNumbersUseCase {
  constructor(private readonly dnc: DncStore) {}

  async execute(input: DncCheckRequest): Promise<DncCheckReply> {
    return { listed: await this.dnc.listedAmong(asOrgId(input.organizationId), input.numbers) };
  }
}
