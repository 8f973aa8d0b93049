import { Controller } from '@nestjs/common';
import { NoteTemplateCreateRequest, NoteTemplateListRequest, NoteTemplateRequest, NoteTemplateUpdateRequest, QualitySampleRequest, Rpc } from '@santral/contracts';
import { RpcHandler } from '@santral/messaging';
import { CreateNoteTemplateUseCase } from './create-note-template.use-case';
import { DeleteNoteTemplateUseCase } from './delete-note-template.use-case';
import { GetNoteTemplateUseCase } from './get-note-template.use-case';
import { ListNoteTemplatesUseCase } from './list-note-templates.use-case';
import { ListQualitySamplesUseCase } from './list-quality-samples.use-case';
import { UpdateNoteTemplateUseCase } from './update-note-template.use-case';

/** NATS request/reply adapter for /v1/note-templates and /v1/quality-samples (K9). */
@Controller()
export class OperatorHelpersMessagesController {
  constructor(
    private readonly createTemplate: CreateNoteTemplateUseCase,
    private readonly updateTemplate: UpdateNoteTemplateUseCase,
    private readonly getTemplate: GetNoteTemplateUseCase,
    private readonly listTemplates: ListNoteTemplatesUseCase,
    private readonly deleteTemplate: DeleteNoteTemplateUseCase,
    private readonly qualitySamples: ListQualitySamplesUseCase,
  ) {}

  @RpcHandler(Rpc.Ticketing.NoteTemplateCreate)
  create(input: NoteTemplateCreateRequest) {
    return this.createTemplate.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.NoteTemplateUpdate)
  update(input: NoteTemplateUpdateRequest) {
    return this.updateTemplate.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.NoteTemplateGet)
  get(input: NoteTemplateRequest) {
    return this.getTemplate.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.NoteTemplateList)
  list(input: NoteTemplateListRequest) {
    return this.listTemplates.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.NoteTemplateDelete)
  remove(input: NoteTemplateRequest) {
    return this.deleteTemplate.execute(input);
  }

  @RpcHandler(Rpc.Ticketing.QualitySampleList)
  samples(input: QualitySampleRequest) {
    return this.qualitySamples.execute(input);
  }
}
