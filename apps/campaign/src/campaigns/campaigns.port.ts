import type { CampaignContactProgressV1, CampaignContactState, CampaignCountsV1, CampaignTotalsV1, RequestedContactV1 } from '@santral/contracts';
import type { OrgId, Page, Tx } from '@santral/persistence';
import type { Campaign, CampaignAgent, ReleasedContact } from './campaign';

export interface CampaignRef {
  organizationId: OrgId;
  campaignId: string;
}

/** Port: where campaigns are kept. */
export abstract class CampaignsPort {
  abstract insert(campaign: Campaign, tx: Tx): Promise<void>;
  abstract update(campaign: Campaign, tx: Tx): Promise<void>;
  /** Locks the row for the caller's transaction. */
  abstract findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Campaign | null>;
  abstract find(orgId: OrgId, id: string): Promise<Campaign | null>;
  abstract page(orgId: OrgId, limit: number, cursor: string | undefined): Promise<Page<Campaign>>;
  /** The organization's active campaigns, locked. */
  abstract activeForUpdate(orgId: OrgId, tx: Tx): Promise<Campaign[]>;
  /** Platform sweep: active campaigns with contacts still to request. */
  abstract releasing(limit: number): Promise<CampaignRef[]>;
  /** Platform sweep: running campaigns whose end has passed. */
  abstract pastTheirEnd(now: Date, limit: number): Promise<CampaignRef[]>;
}

/** Port: the agent and call list a campaign uses (tables of the agents and call-lists features). */
export abstract class CampaignSourcesPort {
  abstract agent(orgId: OrgId, agentId: string, tx?: Tx): Promise<CampaignAgent | null>;
  abstract callListExists(orgId: OrgId, callListId: string, tx?: Tx): Promise<boolean>;
  abstract contactCount(orgId: OrgId, callListId: string, tx?: Tx): Promise<number>;
  /** Variable names the list's contacts carry (their custom columns). */
  abstract listVariables(orgId: OrgId, callListId: string, tx?: Tx): Promise<string[]>;
  /** The next contacts in id order after `after`. */
  abstract contactsAfter(orgId: OrgId, callListId: string, after: string | null, limit: number, tx: Tx): Promise<ReleasedContact[]>;
  abstract hasContactsAfter(orgId: OrgId, callListId: string, after: string | null, tx: Tx): Promise<boolean>;
}

/** A fact from the dialer about one contact of a campaign; `rank` orders facts that arrive out of order. */
export interface ContactFact {
  contactId: string;
  state: CampaignContactState;
  rank: number;
  attempts: number;
  callId?: string;
  endReason?: string;
}

/** Port: per-contact progress (D4). */
export abstract class ProgressPort {
  /** Adds the released contacts as pending (a contact already there is kept). */
  abstract addPending(orgId: OrgId, campaignId: string, contacts: ReadonlyArray<Pick<RequestedContactV1, 'contactId' | 'to'>>, tx: Tx): Promise<void>;
  /** Applies the fact if it is newer (higher rank) than what is stored; true when it changed the contact. */
  abstract apply(orgId: OrgId, campaignId: string, fact: ContactFact, tx: Tx): Promise<boolean>;
  abstract recordCall(orgId: OrgId, campaignId: string, callId: string, talkSeconds: number, answered: boolean, tx: Tx): Promise<void>;
  abstract recordCharge(orgId: OrgId, campaignId: string, reservationId: string, amount: number, tx: Tx): Promise<void>;
  /** Contacts not yet final. */
  abstract openCount(orgId: OrgId, campaignId: string, tx: Tx): Promise<number>;
  /** Every contact not yet final becomes cancelled. */
  abstract cancelOpen(orgId: OrgId, campaignId: string, tx: Tx): Promise<void>;
  abstract totals(orgId: OrgId, campaignId: string, tx?: Tx): Promise<CampaignTotalsV1>;
  abstract calls(orgId: OrgId, campaignId: string): Promise<{ calls: number; averageTalkSeconds: number | null; cost: number }>;
  abstract contacts(orgId: OrgId, campaignId: string, state: CampaignContactState | undefined, limit: number, cursor: string | undefined): Promise<Page<CampaignContactProgressV1>>;
  /** Open contacts grouped by their zone (given, else the campaign's default; null when neither). */
  abstract openByZone(orgId: OrgId, campaignId: string): Promise<Array<{ zone: string | null; contacts: number }>>;
}

/** Port: campaign.* events written in the caller's transaction (outbox). */
export abstract class CampaignEventsPort {
  abstract started(c: Campaign, totalContacts: number, actorUserId: string | undefined, tx: Tx): Promise<void>;
  abstract updated(c: Campaign, tx: Tx): Promise<void>;
  abstract paused(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void>;
  abstract resumed(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void>;
  abstract cancelled(c: Campaign, actorUserId: string | undefined, tx: Tx): Promise<void>;
  abstract completed(c: Campaign, counts: CampaignCountsV1, tx: Tx): Promise<void>;
  /** campaign.call.requested.v1, ≤ 500 contacts an event. */
  abstract callsRequested(c: Campaign, contacts: RequestedContactV1[], tx: Tx): Promise<void>;
}

export interface CreditStanding {
  available: number;
  minCreditsToStart: number;
}

/** Port: the organization's credit (billing answers rpc.billing.balance.get). */
export abstract class CreditBalance {
  abstract standing(orgId: OrgId): Promise<CreditStanding>;
}

/** What the dialer says about a campaign it is not dialling (D5). */
export interface DialerDiagnosis {
  answered: boolean;
  /** Why the dialer did not answer, when it did not. */
  unavailable?: string;
  reasons: Array<{ code: string; message: string; contacts?: number }>;
}

/** Port: the dialer's side of a campaign's diagnostics (rpc.dialer.campaign.diagnostics). */
export abstract class DialerDiagnostics {
  abstract diagnose(orgId: OrgId, campaignId: string): Promise<DialerDiagnosis>;
}

/** Port: wakes the background release of contacts (after a start or resume). */
export abstract class ReleaseTrigger {
  abstract wake(): void;
}
