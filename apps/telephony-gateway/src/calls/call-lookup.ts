import type { EntityManager } from 'typeorm';
import type { OrgId } from '@santral/persistence';
import { TelephonyCallEntity } from './telephony-call.entity';

/** The gateway's row for a call of one organization. */
export function findCall(m: EntityManager, orgId: OrgId, callId: string): Promise<TelephonyCallEntity | null> {
  return m.getRepository(TelephonyCallEntity).findOne({ where: { callId: callId.toLowerCase(), organizationId: orgId } });
}
