import { Injectable } from '@nestjs/common';
import { OPERATOR_HELPER_LIMITS, type NoteTemplateListReply, type NoteTemplateListRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { toNoteTemplateReply } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

/** Every template of the organization by name (a short, curated list: capped, not paged). */
@Injectable()
export class ListNoteTemplatesUseCase {
  constructor(private readonly templates: NoteTemplatesPort) {}

  async execute(input: NoteTemplateListRequest): Promise<NoteTemplateListReply> {
    const items = await this.templates.list(asOrgId(input.organizationId), input.category?.trim() || null, OPERATOR_HELPER_LIMITS.templates);
    return { items: items.map(toNoteTemplateReply) };
  }
}
