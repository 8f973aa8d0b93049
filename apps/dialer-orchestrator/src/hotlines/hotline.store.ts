import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import type { Hotline } from './hotline';

export type NewHotline = Omit<Hotline, 'createdAt' | 'updatedAt'>;
export type HotlineChanges = Partial<Pick<Hotline, 'label' | 'outboundAllowed' | 'allowedGroups'>>;

/** Port: the organization's caller numbers. Numbers are E.164. */
export abstract class HotlineStore {
  /** Inserts; false when the organization already has this number. */
  abstract addIfNumberFree(orgId: OrgId, hotline: NewHotline, tx: Tx): Promise<boolean>;
  abstract findById(orgId: OrgId, id: string, tx?: Tx): Promise<Hotline | null>;
  abstract findByNumber(orgId: OrgId, e164: string, tx?: Tx): Promise<Hotline | null>;
  /** The organization's oldest caller number that may call out (what a call without `from` uses). */
  abstract firstCallingOut(orgId: OrgId): Promise<Hotline | null>;
  abstract page(orgId: OrgId, page: PageRequest): Promise<Page<Hotline>>;
  /** The updated hotline; null when the organization has none with this id. */
  abstract change(orgId: OrgId, id: string, changes: HotlineChanges): Promise<Hotline | null>;
}
