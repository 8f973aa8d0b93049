import { Injectable } from '@nestjs/common';
import type { NoteTemplateReply, NoteTemplateRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { templateNotFound, toNoteTemplateReply } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

/** Deletes a note template; notes already written from it stay as they are (they are copies). */
@Injectable()
export class DeleteNoteTemplateUseCase {
  constructor(
    private readonly templates: NoteTemplatesPort,
    private readonly transactions: TransactionRunner,
  ) {}

  async execute(input: NoteTemplateRequest): Promise<NoteTemplateReply> {
    const orgId = asOrgId(input.organizationId);
    return this.transactions.run(async (tx) => {
      const current = await this.templates.findForUpdate(orgId, input.templateId.toLowerCase(), tx);
      if (!current) throw templateNotFound(input.templateId);
      await this.templates.remove(orgId, current.id, tx);
      return toNoteTemplateReply(current);
    });
  }
}
