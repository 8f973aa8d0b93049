import { Injectable } from '@nestjs/common';
import type { NoteTemplateReply, NoteTemplateRequest } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { templateNotFound, toNoteTemplateReply } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

@Injectable()
export class GetNoteTemplateUseCase {
  constructor(private readonly templates: NoteTemplatesPort) {}

  async execute(input: NoteTemplateRequest): Promise<NoteTemplateReply> {
    const template = await this.templates.find(asOrgId(input.organizationId), input.templateId.toLowerCase());
    if (!template) throw templateNotFound(input.templateId);
    return toNoteTemplateReply(template);
  }
}
