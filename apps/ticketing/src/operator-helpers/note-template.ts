import { DomainError, type NoteTemplateFieldsV1, type NoteTemplateReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';

/** An organization-wide note an operator drops onto a call with one click (K9: "teslimat günü değişti"). */
export interface NoteTemplate {
  id: string;
  organizationId: OrgId;
  name: string;
  body: string;
  category: string | null;
  tags: string[];
  subject: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const blankRefused = (field: string) => DomainError.validation([{ field, message: `${field} may not be blank` }], 'The note template is not valid');

/** The template with the given fields applied (trimmed; `null` clears an optional one; tags deduplicated). */
export function applyNoteTemplateFields(t: NoteTemplate, f: NoteTemplateFieldsV1): NoteTemplate {
  const next = { ...t };
  if (f.name !== undefined) next.name = f.name.trim();
  if (f.body !== undefined) next.body = f.body;
  if (f.category !== undefined) next.category = f.category?.trim() || null;
  if (f.subject !== undefined) next.subject = f.subject?.trim() || null;
  if (f.tags !== undefined) next.tags = [...new Set(f.tags.map((x) => x.trim()).filter((x) => x.length > 0))];
  if (!next.name) throw blankRefused('name');
  if (!next.body.trim()) throw blankRefused('body');
  return next;
}

export function toNoteTemplateReply(t: NoteTemplate): NoteTemplateReply {
  return {
    organizationId: t.organizationId,
    templateId: t.id,
    name: t.name,
    body: t.body,
    ...(t.category ? { category: t.category } : {}),
    tags: t.tags,
    ...(t.subject ? { subject: t.subject } : {}),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export const templateNotFound = (id: string) => new DomainError('NOTE_TEMPLATE_NOT_FOUND', `Note template ${id} not found`);
export const templateNameTaken = (name: string) => new DomainError('NOTE_TEMPLATE_NAME_TAKEN', `A note template named "${name}" exists`);
