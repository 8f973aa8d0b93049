import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type OrgId, pageRequest } from '@santral/persistence';
import { CurrentOrg, CurrentPrincipal } from '../auth/current-principal.decorator';
import { organizationKey, type Principal } from '../auth/principal';
import { ANY_ORG_ROLE, Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { ApiKeyCreatedDto, ApiKeyPageDto, ApiKeyTestDto, CreateApiKeyDto } from './api-key.dto';
import { toApiKeyCreatedDto, toApiKeyDto } from './api-key.presenter';
import { CreateApiKeyUseCase } from './create-api-key.use-case';
import { ListApiKeysUseCase } from './list-api-keys.use-case';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';

@ApiTags('api-keys')
@Controller('v1/api-keys')
export class ApiKeysHttpController {
  constructor(
    private readonly createKey: CreateApiKeyUseCase,
    private readonly listKeys: ListApiKeysUseCase,
    private readonly revokeKey: RevokeApiKeyUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ operationId: 'createApiKey', summary: 'Create an API key (its secret is shown once)' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  @ApiBodyProblems()
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    return toApiKeyCreatedDto(await this.createKey.execute(orgId, body));
  }

  @Get()
  @Roles('admin')
  @ApiOperation({ operationId: 'listApiKeys', summary: 'List the organization\'s API keys (never their secrets)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.listKeys.execute(orgId, pageRequest(query.limit, query.cursor));
    return { items: page.items.map(toApiKeyDto), nextCursor: page.nextCursor };
  }

  @Get('test')
  @Roles(...ANY_ORG_ROLE)
  @ApiOperation({ operationId: 'testApiKey', summary: 'Test connection: tells whose key this is (A4)' })
  @ApiOkResponse({ type: ApiKeyTestDto })
  @ApiProblems(500)
  test(@CurrentPrincipal() principal: Principal): ApiKeyTestDto {
    const key = organizationKey(principal);
    return { ok: true, organizationId: key.organizationId, keyId: key.keyId, role: key.role };
  }

  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  @ApiOperation({ operationId: 'revokeApiKey', summary: 'Revoke an API key (idempotent; the last admin key cannot be revoked)' })
  @ApiNoContentResponse({ description: 'Revoked' })
  @ApiProblems(404, 409, 422, 500)
  async revoke(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<void> {
    await this.revokeKey.execute(orgId, params.id);
  }
}
