import { Injectable } from '@nestjs/common';
import { DomainError, type NoteTemplateReply, type NoteTemplateUpdateRequest } from '@santral/contracts';
import { asOrgId, TransactionRunner } from '@santral/persistence';
import { Clock } from '@santral/service-kit';
import { applyNoteTemplateFields, templateNameTaken, templateNotFound, toNoteTemplateReply } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

/** Changes some fields of a note template (the row is locked; concurrent edits serialize). */
@Injectable()
export class UpdateNoteTemplateUseCase {
  constructor(
    private readonly templates: NoteTemplatesPort,
    private readonly transactions: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  async execute(input: NoteTemplateUpdateRequest): Promise<NoteTemplateReply> {
    const orgId = asOrgId(input.organizationId);
    const { organizationId: _org, templateId, ...fields } = input;
    if (Object.values(fields).every((v) => v === undefined)) {
      throw DomainError.validation([{ field: 'body', message: 'give at least one field to change' }], 'Nothing to update');
    }
    return this.transactions.run(async (tx) => {
      const current = await this.templates.findForUpdate(orgId, templateId.toLowerCase(), tx);
      if (!current) throw templateNotFound(templateId);
      const next = { ...applyNoteTemplateFields(current, fields), updatedAt: this.clock.now() };
      if (!(await this.templates.update(next, tx))) throw templateNameTaken(next.name);
      return toNoteTemplateReply(next);
    });
  }
}
