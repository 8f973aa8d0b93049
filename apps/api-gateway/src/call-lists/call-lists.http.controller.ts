import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Rpc, type ImportJobReply } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { CallListDto, CallListPageDto, ContactPageDto, CreateCallListDto, ImportJobDto, RejectedRowPageDto } from './call-list.dto';
import { ExportCallListUseCase } from './export-call-list.use-case';
import { ImportUploads } from './import-uploads';

const nullable = <T extends { nextCursor?: string | null }>(page: T) => ({ ...page, nextCursor: page.nextCursor ?? null });

/** Call lists, their contacts and imports live in the campaign service (B3); every route may also answer 503 / 504. */
@ApiTags('call-lists')
@Controller('v1')
@ApiProblems(503, 504)
export class CallListsHttpController {
  constructor(
    private readonly campaign: ServiceRpc,
    private readonly uploads: ImportUploads,
    private readonly exports: ExportCallListUseCase,
  ) {}

  @Post('call-lists')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'createCallList', summary: 'Create an empty call list' })
  @ApiCreatedResponse({ type: CallListDto })
  @ApiBodyProblems()
  create(@CurrentOrg() orgId: OrgId, @Body() body: CreateCallListDto): Promise<CallListDto> {
    return this.campaign.request(Rpc.Campaign.CallListCreate, { ...body, organizationId: orgId });
  }

  @Get('call-lists')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listCallLists', summary: "The organization's call lists, newest first" })
  @ApiOkResponse({ type: CallListPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<CallListPageDto> {
    return nullable(await this.campaign.request(Rpc.Campaign.CallListList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor }));
  }

  @Get('call-lists/:id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getCallList', summary: 'One call list with its contact count' })
  @ApiOkResponse({ type: CallListDto })
  @ApiProblems(404, 422, 500)
  get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CallListDto> {
    return this.campaign.request(Rpc.Campaign.CallListGet, { organizationId: orgId, callListId: params.id });
  }

  @Get('call-lists/:id/contacts')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listContacts', summary: "A call list's contacts, newest first" })
  @ApiOkResponse({ type: ContactPageDto })
  @ApiProblems(400, 404, 422, 500)
  async contacts(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Query() query: PageQueryDto): Promise<ContactPageDto> {
    const page = await this.campaign.request(Rpc.Campaign.CallListContacts, { organizationId: orgId, callListId: params.id, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items.map((c) => ({ ...c, name: c.name ?? null, timeZone: c.timeZone ?? null })), nextCursor: page.nextCursor ?? null };
  }

  @Get('call-lists/:id/export')
  @Roles('admin', 'supervisor')
  @ApiOperation({
    operationId: 'exportCallList',
    summary: "A call list's contacts as CSV (UTF-8 with BOM for Excel; formula-looking cells escaped with a leading ')",
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string' }, description: 'phone, name, time_zone, on_dnc, line, one column per variable, other_variables' })
  @ApiProblems(404, 422, 500)
  async export(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<StreamableFile> {
    const file = await this.exports.execute(orgId, params.id);
    void reply.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.utf8FileName)}`);
    return new StreamableFile(Readable.from(file.lines));
  }

  @Post('call-lists/:id/imports')
  @HttpCode(202)
  @Roles('admin', 'supervisor')
  @ApiOperation({
    operationId: 'importContacts',
    summary: 'Import a CSV or XLSX file into the call list',
    description:
      'multipart/form-data: `file` (CSV in UTF-8 with or without BOM, UTF-16 with BOM or Windows-1254; `,` `;` or tab; or XLSX, first sheet) and ' +
      'optionally `mapping` (JSON: `{"phone":"Telefon","name":"Ad Soyad","timeZone":"Saat dilimi","variables":["Şehir"]}`) when the header guess is wrong. ' +
      'Answers 202 with the job at once; poll GET /v1/imports/{id}. All or nothing: a job that fails imports no contact.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, mapping: { type: 'string', description: 'JSON of the column mapping' } } } })
  @ApiAcceptedResponse({ type: ImportJobDto })
  @ApiProblems(400, 404, 413, 415, 422, 500)
  async startImport(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Req() req: FastifyRequest): Promise<ImportJobDto> {
    await this.campaign.request(Rpc.Campaign.CallListGet, { organizationId: orgId, callListId: params.id }); // 404 before any byte is stored
    const upload = await this.uploads.receive(req);
    try {
      return toJobDto(await this.campaign.request(Rpc.Campaign.ImportStart, { organizationId: orgId, callListId: params.id, ...upload }));
    } catch (error) {
      await this.uploads.discard(upload.objectName);
      throw error;
    }
  }

  @Get('imports/:id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getImport', summary: 'An import job: state and counts (rows read, accepted, rejected, duplicates, on DNC)' })
  @ApiOkResponse({ type: ImportJobDto })
  @ApiProblems(404, 422, 500)
  async getImport(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<ImportJobDto> {
    return toJobDto(await this.campaign.request(Rpc.Campaign.ImportGet, { organizationId: orgId, importId: params.id }));
  }

  @Get('imports/:id/rejected-rows')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listRejectedRows', summary: 'The rows an import did not take, in line order, with their reason code' })
  @ApiOkResponse({ type: RejectedRowPageDto })
  @ApiProblems(400, 404, 422, 500)
  async rejectedRows(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Query() query: PageQueryDto): Promise<RejectedRowPageDto> {
    const page = await this.campaign.request(Rpc.Campaign.ImportRejectedRows, { organizationId: orgId, importId: params.id, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor });
    return { items: page.items.map((r) => ({ ...r, raw: r.raw ?? null })), nextCursor: page.nextCursor ?? null };
  }
}

function toJobDto(job: ImportJobReply): ImportJobDto {
  return { ...job, format: job.format ?? null, encoding: job.encoding ?? null, delimiter: job.delimiter ?? null, errorCode: job.errorCode ?? null, errorMessage: job.errorMessage ?? null, finishedAt: job.finishedAt ?? null };
}
