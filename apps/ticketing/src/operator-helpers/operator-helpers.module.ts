import { Module } from '@nestjs/common';
import { CreateNoteTemplateUseCase } from './create-note-template.use-case';
import { DeleteNoteTemplateUseCase } from './delete-note-template.use-case';
import { GetNoteTemplateUseCase } from './get-note-template.use-case';
import { ListNoteTemplatesUseCase } from './list-note-templates.use-case';
import { ListQualitySamplesUseCase } from './list-quality-samples.use-case';
import { NoteTemplateRepository } from './note-template.repository';
import { OperatorHelpersMessagesController } from './operator-helpers.messages.controller';
import { NoteTemplatesPort, OrganizationTimeZone, QualitySampleReader } from './operator-helpers.port';
import { ProjectedOrganizationTimeZone } from './organization-time-zone';
import { SqlQualitySampleReader } from './quality-sample.reader';
import { UpdateNoteTemplateUseCase } from './update-note-template.use-case';

/** Operator helpers (K9): note templates for quick marking, and quality-review samples read from the tickets' call tracks. */
@Module({
  controllers: [OperatorHelpersMessagesController],
  providers: [
    { provide: NoteTemplatesPort, useClass: NoteTemplateRepository },
    { provide: QualitySampleReader, useClass: SqlQualitySampleReader },
    { provide: OrganizationTimeZone, useClass: ProjectedOrganizationTimeZone },
    CreateNoteTemplateUseCase, UpdateNoteTemplateUseCase, GetNoteTemplateUseCase, ListNoteTemplatesUseCase, DeleteNoteTemplateUseCase, ListQualitySamplesUseCase,
  ],
})
export class OperatorHelpersModule {}
