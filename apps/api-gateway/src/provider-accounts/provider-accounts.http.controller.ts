import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { Idempotent } from '../idempotency/idempotent.decorator';
import { CreateProviderAccountUseCase } from './create-provider-account.use-case';
import { GetProviderAccountUseCase } from './get-provider-account.use-case';
import { ListProviderAccountsUseCase } from './list-provider-accounts.use-case';
import {
  CreateProviderAccountDto,
  CredentialsCheckDto,
  ProviderAccountDto,
  ProviderAccountPageDto,
  SetOperatorsDto,
  UpdateProviderAccountDto,
} from './provider-account.dto';
import { toCredentialsCheckDto, toProviderAccountDto, toProviderAccountPageDto } from './provider-account.presenter';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { TestProviderAccountUseCase } from './test-provider-account.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

/** Every route may also answer 503 SERVICE_UNAVAILABLE / 504 UPSTREAM_TIMEOUT: the accounts live in the telephony-gateway. */
@ApiTags('provider-accounts')
@Controller('v1/provider-accounts')
@ApiProblems(503, 504)
export class ProviderAccountsHttpController {
  constructor(
    private readonly createAccount: CreateProviderAccountUseCase,
    private readonly listAccounts: ListProviderAccountsUseCase,
    private readonly getAccount: GetProviderAccountUseCase,
    private readonly updateAccount: UpdateProviderAccountUseCase,
    private readonly testAccount: TestProviderAccountUseCase,
    private readonly setOperatorMap: SetOperatorMapUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ operationId: 'createProviderAccount', summary: 'Add a provider account (simulator, twilio, callgear); secrets are write-only' })
  @ApiCreatedResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateProviderAccountDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.createAccount.execute(orgId, body));
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listProviderAccounts', summary: "List the organization's provider accounts (oldest first)" })
  @ApiOkResponse({ type: ProviderAccountPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<ProviderAccountPageDto> {
    return toProviderAccountPageDto(await this.listAccounts.execute(orgId, { limit: query.limit, cursor: query.cursor }));
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getProviderAccount', summary: 'A provider account, with its webhook URL and operator map' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.getAccount.execute(orgId, params.id));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateProviderAccount', summary: 'Rename a provider account or merge new settings and secrets into it' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateProviderAccountDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.updateAccount.execute(orgId, params.id, body));
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'testProviderAccount', summary: "Check the account's credentials against the provider (a refusal is ok: false)" })
  @ApiOkResponse({ type: CredentialsCheckDto })
  @ApiProblems(404, 422, 500)
  async test(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CredentialsCheckDto> {
    return toCredentialsCheckDto(await this.testAccount.execute(orgId, params.id));
  }

  @Put(':id/operators')
  @Roles('admin')
  @ApiOperation({ operationId: 'setProviderAccountOperators', summary: 'Replace the map of provider employees to users of this organization' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async setOperators(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: SetOperatorsDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.setOperatorMap.execute(orgId, params.id, body.operators));
  }
}
