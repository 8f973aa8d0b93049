import { Injectable } from '@nestjs/common';
import { Rpc, type DncAddedItem, type DncAddReply, type DncAddRequest, type DncRejectedItem } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { OrganizationNumbers } from '../settings/organization-numbers';
import { DncStore } from './dnc.store';

/**
 * Adds one number or many to the do-not-call list (B4). Each input is normalized with the
 * organization's default country; the valid ones are stored (once: a listed number stays as it
 * was) and the others are reported with libs/phone's code and reason, by their index. Partial by
 * design: one typo in a 5,000-line list must not keep the other 4,999 numbers dialable.
 */
@Injectable()
export class AddDncNumbersUseCase {
  constructor(
    private readonly dnc: DncStore,
    private readonly numbers: OrganizationNumbers,
    private readonly commands: IdempotentCommands,
  ) {}

  async execute(input: DncAddRequest): Promise<DncAddReply> {
    const orgId = asOrgId(input.organizationId);
    const results = await this.numbers.normalize(orgId, input.numbers);
    const rejected: DncRejectedItem[] = [];
    const valid: Array<{ index: number; e164: string }> = [];
    results.forEach((r, index) => (r.ok ? valid.push({ index, e164: r.e164 }) : rejected.push({ index, code: r.code, reason: r.reason })));
    const reason = input.reason?.trim() || null;
    return this.commands.run(orgId, Rpc.Dialer.DncAdd, input.idempotencyKey, async (tx) => {
      const listed = new Map((await this.dnc.addMissing(orgId, valid.map((v) => v.e164), reason, tx)).map((l) => [l.number, l]));
      const seen = new Set<string>();
      const entries: DncAddedItem[] = valid.map(({ index, e164 }) => {
        const entry = listed.get(e164)!;
        // The second of two inputs for one number (0555… and +90555…) did not add it again.
        const added = entry.added && !seen.has(e164);
        seen.add(e164);
        return { index, id: entry.id, number: e164, added };
      });
      const added = entries.filter((e) => e.added).length;
      return { added, alreadyListed: entries.length - added, entries, rejected };
    });
  }
}
