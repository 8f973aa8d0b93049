import { Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import { DomainError, Rpc, type HotlineCreateRequest, type HotlineReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { HotlineStore } from './hotline.store';
import { toHotlineReply } from './hotline.view';

/** Adds a caller number (S3); its number is normalized like any other, and is the organization's once (409 otherwise). */
@Injectable()
export class CreateHotlineUseCase {
  constructor(
    private readonly hotlines: HotlineStore,
    private readonly numbers: OrganizationNumbers,
    private readonly commands: IdempotentCommands,
  ) {}

  async execute(input: HotlineCreateRequest): Promise<HotlineReply> {
    const orgId = asOrgId(input.organizationId);
    const { e164 } = await this.numbers.normalizeOne(orgId, input.number, 'number');
    return this.commands.run(orgId, Rpc.Dialer.HotlineCreate, input.idempotencyKey, async (tx) => {
      const hotline = {
        id: uuidv7(),
        organizationId: orgId,
        number: e164,
        label: input.label.trim(),
        outboundAllowed: input.outboundAllowed ?? true,
        allowedGroups: input.allowedGroups ?? [],
      };
      if (!(await this.hotlines.addIfNumberFree(orgId, hotline, tx))) {
        throw new DomainError('CONFLICT', `${e164} is already a caller number of this organization`, { errors: [{ field: 'number', message: 'number is already a hotline' }] });
      }
      const saved = await this.hotlines.findById(orgId, hotline.id, tx);
      if (!saved) throw new DomainError('INTERNAL', `hotline ${hotline.id} vanished while it was created`);
      return toHotlineReply(saved);
    });
  }
}
