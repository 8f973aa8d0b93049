import type { OrgId, Tx } from '@santral/persistence';
import type { NoteTemplate } from './note-template';

/** Port: the organization's note templates. */
export abstract class NoteTemplatesPort {
  /** False when the organization has a template of that name (any case). */
  abstract insert(t: NoteTemplate, tx: Tx): Promise<boolean>;
  /** False when another template of the organization has the new name. */
  abstract update(t: NoteTemplate, tx: Tx): Promise<boolean>;
  abstract findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<NoteTemplate | null>;
  abstract find(orgId: OrgId, id: string): Promise<NoteTemplate | null>;
  /** By name; `category` keeps one category. */
  abstract list(orgId: OrgId, category: string | null, limit: number): Promise<NoteTemplate[]>;
  abstract remove(orgId: OrgId, id: string, tx: Tx): Promise<void>;
}

/** One answered, ended call of one operator, as ticketing's call tracks know it. */
export interface SampledCall {
  operatorUserId: string;
  callId: string;
  ticketId: string | null;
  startedAt: string;
  endedAt: string;
  talkSeconds: number;
  recordingUrl: string | null;
  /** How many such calls the operator had in the period. */
  callCount: number;
}

/** Port: per operator, the first `perOperator` of their calls ended in [from, to) in the order of hash(call id, seed). */
export abstract class QualitySampleReader {
  abstract sample(orgId: OrgId, period: { from: Date; to: Date }, perOperator: number, seed: string): Promise<SampledCall[]>;
}

/** Port: the organization's IANA time zone (B1), from the organization events; null until they arrived. */
export abstract class OrganizationTimeZone {
  abstract of(orgId: OrgId): Promise<string | null>;
}
