import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { CurrentOrg, CurrentPrincipal } from '../auth/current-principal.decorator';
import { organizationKey, type Principal } from '../auth/principal';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { PageQueryDto, UuidParamDto } from '../common/common.dto';
import { DEFAULT_PAGE_SIZE } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import {
  CreateProviderAccountDto,
  CredentialsCheckDto,
  ProviderAccountDto,
  ProviderAccountPageDto,
  SetOperatorsDto,
  UpdateProviderAccountDto,
} from './provider-account.dto';
import { ADMIN_VIEW, type SecretView, toCredentialsCheckDto, toProviderAccountDto, toProviderAccountPageDto } from './provider-account.presenter';

/** Supervisors read accounts too, but the secret in a webhook URL is for admins (who can rotate it). */
const viewOf = (principal: Principal): SecretView => ({ revealSecrets: organizationKey(principal).role === 'admin' });
import { ProviderSecretsSealer } from './provider-secrets.sealer';
import { SetOperatorMapUseCase } from './set-operator-map.use-case';
import { UpdateProviderAccountUseCase } from './update-provider-account.use-case';

/** Every route may also answer 503 SERVICE_UNAVAILABLE / 504 UPSTREAM_TIMEOUT: the accounts live in the telephony-gateway. */
@ApiTags('provider-accounts')
@Controller('v1/provider-accounts')
@ApiProblems(503, 504)
export class ProviderAccountsHttpController {
  constructor(
    private readonly telephony: ServiceRpc,
    private readonly secrets: ProviderSecretsSealer,
    private readonly updateAccount: UpdateProviderAccountUseCase,
    private readonly setOperatorMap: SetOperatorMapUseCase,
  ) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  @ApiOperation({ operationId: 'createProviderAccount', summary: 'Add a provider account (simulator, twilio, callgear); secrets are write-only' })
  @ApiCreatedResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateProviderAccountDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<ProviderAccountDto> {
    const { secrets, ...rest } = body;
    const input = { ...rest, ...this.secrets.seal(orgId, secrets), organizationId: orgId, ...(idempotencyKey ? { idempotencyKey } : {}) };
    return toProviderAccountDto(await this.telephony.request(Rpc.Telephony.ProviderAccountCreate, input, { timeoutMs: this.telephony.providerTimeoutMs }), ADMIN_VIEW);
  }

  @Get()
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'listProviderAccounts', summary: "List the organization's provider accounts (newest first)" })
  @ApiOkResponse({ type: ProviderAccountPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentPrincipal() principal: Principal, @CurrentOrg() orgId: OrgId, @Query() query: PageQueryDto): Promise<ProviderAccountPageDto> {
    const page = { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, cursor: query.cursor };
    return toProviderAccountPageDto(await this.telephony.request(Rpc.Telephony.ProviderAccountList, page), viewOf(principal));
  }

  @Get(':id')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'getProviderAccount', summary: 'A provider account, with its webhook URL and operator map' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentPrincipal() principal: Principal, @CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.telephony.request(Rpc.Telephony.ProviderAccountGet, { organizationId: orgId, id: params.id }), viewOf(principal));
  }

  @Patch(':id')
  @Roles('admin')
  @ApiOperation({ operationId: 'updateProviderAccount', summary: 'Rename a provider account or merge new settings and secrets into it' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateProviderAccountDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.updateAccount.execute(orgId, params.id, body), ADMIN_VIEW);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ operationId: 'testProviderAccount', summary: "Check the account's credentials against the provider (a refusal is ok: false)" })
  @ApiOkResponse({ type: CredentialsCheckDto })
  @ApiProblems(404, 422, 500)
  async test(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CredentialsCheckDto> {
    const check = await this.telephony.request(Rpc.Telephony.ProviderAccountTest, { organizationId: orgId, id: params.id }, { timeoutMs: this.telephony.providerTimeoutMs });
    return toCredentialsCheckDto(check);
  }

  @Put(':id/operators')
  @Roles('admin')
  @ApiOperation({ operationId: 'setProviderAccountOperators', summary: 'Replace the map of provider employees to users of this organization' })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async setOperators(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: SetOperatorsDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.setOperatorMap.execute(orgId, params.id, body.operators), ADMIN_VIEW);
  }

  @Post(':id/webhook-token')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    operationId: 'rotateProviderAccountWebhookToken',
    summary: "Replace the secret token in a CallGear account's webhook URL; webhooks with the old token are refused from then on",
    description:
      'Answers the account with its new `webhookUrl` (paste it into the CallGear console). Other gateway replicas stop accepting the ' +
      'old token within 5 seconds. 422 PROVIDER_NOT_SUPPORTED for an account whose webhook URL carries no secret (Twilio and the ' +
      'simulator sign their webhooks instead: change that secret with PATCH).',
  })
  @ApiOkResponse({ type: ProviderAccountDto })
  @ApiProblems(404, 422, 500)
  async rotateWebhookToken(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<ProviderAccountDto> {
    return toProviderAccountDto(await this.telephony.request(Rpc.Telephony.ProviderAccountRotateWebhookToken, { organizationId: orgId, id: params.id }), ADMIN_VIEW);
  }
}
