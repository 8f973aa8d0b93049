import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';

export interface DncEntry {
  id: string;
  number: string;
  reason: string | null;
  createdAt: Date;
}

/** A number of a bulk add: its entry, and whether this call stored it. */
export interface DncListed {
  id: string;
  number: string;
  added: boolean;
}

/** Port: where the organization's do-not-call list is kept (B4). Numbers are E.164. */
export abstract class DncStore {
  /** Stores those of `numbers` not yet listed (concurrent adds of one number store it once); one result per distinct number. */
  abstract addMissing(orgId: OrgId, numbers: readonly string[], reason: string | null, tx: Tx): Promise<DncListed[]>;
  /** Newest first. */
  abstract page(orgId: OrgId, page: PageRequest): Promise<Page<DncEntry>>;
  abstract findByNumber(orgId: OrgId, e164: string): Promise<DncEntry | null>;
  /** Deletes the entry; null when the organization has none with this id. */
  abstract remove(orgId: OrgId, id: string): Promise<DncEntry | null>;
  /** The pre-dial check TO_NUMBER_NOT_ALLOWS_CALLOUT asks this (E4): is the callee listed? */
  abstract isOnDnc(orgId: OrgId, e164: string): Promise<boolean>;
  /** Which of `numbers` (E.164) are listed, each once: the campaign's import flags them (B3). */
  abstract listedAmong(orgId: OrgId, numbers: readonly string[], tx?: Tx): Promise<string[]>;
}
