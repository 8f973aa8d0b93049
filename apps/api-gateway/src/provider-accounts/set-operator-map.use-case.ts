import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type ProblemFieldError, type ProviderAccountReply, type ProviderOperatorMapping } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { UsersPort } from '../users/users.port';
import { ServiceRpc } from '../common/service-rpc';

/**
 * Replaces which provider employee (CallGear employee_id) is which Santral user (G4). Each
 * employee appears once, and every user must belong to the caller's organization: a call
 * answered by an employee is attributed to that user.
 */
@Injectable()
export class SetOperatorMapUseCase {
  constructor(
    private readonly telephony: ServiceRpc,
    private readonly users: UsersPort,
  ) {}

  async execute(orgId: OrgId, accountId: string, operators: ProviderOperatorMapping[]): Promise<ProviderAccountReply> {
    const mappings = operators.map((o) => ({ providerEmployeeId: o.providerEmployeeId, userId: o.userId.toLowerCase() }));
    const known = new Set(await this.users.existingIds(orgId, [...new Set(mappings.map((m) => m.userId))]));
    const seen = new Set<string>();
    const errors: ProblemFieldError[] = [];
    mappings.forEach((m, i) => {
      if (seen.has(m.providerEmployeeId)) errors.push({ field: `operators.${i}.providerEmployeeId`, message: `${m.providerEmployeeId} is mapped more than once` });
      seen.add(m.providerEmployeeId);
      if (!known.has(m.userId)) errors.push({ field: `operators.${i}.userId`, message: `${m.userId} is not a user of this organization` });
    });
    if (errors.length > 0) throw DomainError.validation(errors, 'The operator map is not valid');
    return this.telephony.request(Rpc.Telephony.OperatorMapSet, { organizationId: orgId, id: accountId, operators: mappings });
  }
}
