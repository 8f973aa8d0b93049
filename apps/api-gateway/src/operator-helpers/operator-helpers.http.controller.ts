import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, type NoteTemplateReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import { CreateNoteTemplateDto, NoteTemplateDto, NoteTemplateListDto, NoteTemplateListQueryDto, QualitySampleDto, QualitySampleQueryDto, UpdateNoteTemplateDto } from './operator-helpers.dto';

const toDto = ({ organizationId: _org, ...template }: NoteTemplateReply): NoteTemplateDto => template;

/** Note templates for quick marking (K9); they live in the ticketing service. Every route may also answer 503 / 504. */
@ApiTags('note-templates')
@Controller('v1/note-templates')
@ApiProblems(503, 504)
export class NoteTemplatesHttpController {
  constructor(private readonly ticketing: ServiceRpc) {}

  @Post()
  @Roles('admin', 'supervisor')
  @Idempotent()
  @ApiOperation({ operationId: 'createNoteTemplate', summary: 'Create a note template', description: 'Organization-wide; a name in use (any case) is NOTE_TEMPLATE_NAME_TAKEN (409).' })
  @ApiCreatedResponse({ type: NoteTemplateDto })
  @ApiBodyProblems()
  @ApiProblems(409)
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateNoteTemplateDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<NoteTemplateDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.NoteTemplateCreate, { ...body, organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) }));
  }

  @Get()
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'listNoteTemplates', summary: "The organization's note templates by name" })
  @ApiOkResponse({ type: NoteTemplateListDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: NoteTemplateListQueryDto): Promise<NoteTemplateListDto> {
    const reply = await this.ticketing.request(Rpc.Ticketing.NoteTemplateList, { organizationId: orgId, ...(query.category !== undefined ? { category: query.category } : {}) });
    return { items: reply.items.map(toDto) };
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'getNoteTemplate', summary: 'One note template' })
  @ApiOkResponse({ type: NoteTemplateDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<NoteTemplateDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.NoteTemplateGet, { organizationId: orgId, templateId: params.id }));
  }

  @Patch(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'updateNoteTemplate', summary: 'Change some fields of a note template (`null` clears an optional one)' })
  @ApiOkResponse({ type: NoteTemplateDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  async update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateNoteTemplateDto): Promise<NoteTemplateDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.NoteTemplateUpdate, { ...body, organizationId: orgId, templateId: params.id }));
  }

  @Delete(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'deleteNoteTemplate', summary: 'Delete a note template', description: 'Answers the template as it was; notes already written from it stay.' })
  @ApiOkResponse({ type: NoteTemplateDto })
  @ApiProblems(404, 422, 500)
  async remove(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<NoteTemplateDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.NoteTemplateDelete, { organizationId: orgId, templateId: params.id }));
  }
}

/** A stable sample of each operator's calls for quality review (K9). */
@ApiTags('quality-samples')
@Controller('v1/quality-samples')
@ApiProblems(503, 504)
export class QualitySamplesHttpController {
  constructor(private readonly ticketing: ServiceRpc) {}

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({
    operationId: 'listQualitySamples',
    summary: "A sample of each operator's answered calls for quality review",
    description:
      "Per operator, `perOperator` (default 3) of the calls they answered that ended in [from, to). Without `from` and `to` the period is the " +
      "previous full day in the organization's time zone (UTC until ticketing has heard it). The choice is a hash of call id and period: " +
      'asking again for the same period gives the same calls.',
  })
  @ApiOkResponse({ type: QualitySampleDto })
  @ApiProblems(400, 422, 500)
  list(@CurrentOrg() orgId: OrgId, @Query() query: QualitySampleQueryDto): Promise<QualitySampleDto> {
    return this.ticketing.request(Rpc.Ticketing.QualitySampleList, { organizationId: orgId, ...query });
  }
}
