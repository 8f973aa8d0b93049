import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { asOrgId } from '@santral/persistence';
import { toApiKeyDto } from '../api-keys/api-key.presenter';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import type { Principal } from '../auth/principal';
import { ANY_ORG_ROLE, PLATFORM_ADMIN, Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateOrganizationUseCase } from './create-organization.use-case';
import { GetOrganizationUseCase } from './get-organization.use-case';
import { CreateOrganizationDto, OrganizationCreatedDto, OrganizationDto, UpdateOrganizationDto } from './organization.dto';
import { toOrganizationDto } from './organization.presenter';
import { UpdateOrganizationUseCase } from './update-organization.use-case';

@ApiTags('organizations')
@Controller('v1/organizations')
export class OrganizationsHttpController {
  constructor(
    private readonly createOrganization: CreateOrganizationUseCase,
    private readonly updateOrganization: UpdateOrganizationUseCase,
    private readonly getOrganization: GetOrganizationUseCase,
  ) {}

  @Post()
  @Roles(PLATFORM_ADMIN)
  @Idempotent()
  @ApiOperation({
    operationId: 'createOrganization',
    summary: 'Platform admin: create an organization and its first admin API key (shown once)',
  })
  @ApiCreatedResponse({ type: OrganizationCreatedDto })
  @ApiBodyProblems()
  async create(@Body() body: CreateOrganizationDto): Promise<OrganizationCreatedDto> {
    const { organization, apiKey } = await this.createOrganization.execute(body);
    return { organization: toOrganizationDto(organization), apiKey: apiKey.plaintext, apiKeyInfo: toApiKeyDto(apiKey.apiKey) };
  }

  @Get(':id')
  @Roles(PLATFORM_ADMIN, ...ANY_ORG_ROLE)
  @ApiOperation({ operationId: 'getOrganization', summary: 'An organization (the platform admin: any; a key: its own)' })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentPrincipal() principal: Principal, @Param() params: UuidParamDto): Promise<OrganizationDto> {
    return toOrganizationDto(await this.getOrganization.execute(principal, params.id));
  }

  @Patch(':id')
  @Roles(PLATFORM_ADMIN)
  @ApiOperation({
    operationId: 'updateOrganization',
    summary: 'Platform admin: change plan, limits, default country, time zone or name',
  })
  @ApiOkResponse({ type: OrganizationDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async update(@Param() params: UuidParamDto, @Body() body: UpdateOrganizationDto): Promise<OrganizationDto> {
    return toOrganizationDto(await this.updateOrganization.execute(asOrgId(params.id), body));
  }
}
