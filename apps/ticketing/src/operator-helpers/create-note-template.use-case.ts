import { Injectable } from '@nestjs/common';
import { DomainError, Rpc, type NoteTemplateCreateRequest, type NoteTemplateReply } from '@santral/contracts';
import { asOrgId } from '@santral/persistence';
import { Clock, IdempotentCommands } from '@santral/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { applyNoteTemplateFields, templateNameTaken, toNoteTemplateReply, type NoteTemplate } from './note-template';
import { NoteTemplatesPort } from './operator-helpers.port';

/** Creates an organization-wide note template (K9); a name the organization uses (any case) is refused. */
@Injectable()
export class CreateNoteTemplateUseCase {
  constructor(
    private readonly templates: NoteTemplatesPort,
    private readonly commands: IdempotentCommands,
    private readonly clock: Clock,
  ) {}

  async execute(input: NoteTemplateCreateRequest): Promise<NoteTemplateReply> {
    const orgId = asOrgId(input.organizationId);
    const missing = (['name', 'body'] as const).filter((f) => input[f] === undefined);
    if (missing.length > 0) throw DomainError.validation(missing.map((field) => ({ field, message: `${field} is required` })), 'The note template is not valid');
    const now = this.clock.now();
    const blank: NoteTemplate = { id: uuidv7(), organizationId: orgId, name: '', body: '', category: null, tags: [], subject: null, createdAt: now, updatedAt: now };
    const template = applyNoteTemplateFields(blank, input);
    return this.commands.run(orgId, Rpc.Ticketing.NoteTemplateCreate, input.idempotencyKey, async (tx) => {
      if (!(await this.templates.insert(template, tx))) throw templateNameTaken(template.name);
      return toNoteTemplateReply(template);
    });
  }
}
