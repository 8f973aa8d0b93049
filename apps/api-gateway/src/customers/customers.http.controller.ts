import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Rpc, type CustomerCardReply, type CustomerReply } from '@santral/contracts';
import { DEFAULT_PAGE_SIZE, type OrgId } from '@santral/persistence';
import { CurrentOrg } from '../auth/current-principal.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiBodyProblems, ApiProblems } from '../common/api-problems.decorator';
import { UuidParamDto } from '../common/common.dto';
import { ServiceRpc } from '../common/service-rpc';
import { IdempotencyKeyId, Idempotent } from '../idempotency/idempotent.decorator';
import {
  CreateCustomerDto,
  CustomerCardDto,
  CustomerDto,
  CustomerListQueryDto,
  CustomerPageDto,
  EnrichmentDto,
  EnrichmentSettingsDto,
  LinkPhoneDto,
  LookupQueryDto,
  PhoneParamDto,
  UpdateCustomerDto,
} from './customer.dto';

const toDto = ({ organizationId: _org, ...customer }: CustomerReply): CustomerDto => customer;
const toCard = ({ customer, ...card }: CustomerCardReply): CustomerCardDto => ({ ...card, ...(customer ? { customer: toDto(customer) } : {}) });
const key = (k: string | undefined) => (k ? { idempotencyKey: k } : {});

/** Customers and the screen-pop live in the ticketing service (B2, F1, J2, K7); every route may also answer 503 / 504. */
@ApiTags('customers')
@Controller('v1/customers')
@ApiProblems(503, 504)
export class CustomersHttpController {
  constructor(private readonly ticketing: ServiceRpc) {}

  @Post()
  @Roles('admin', 'supervisor', 'operator')
  @Idempotent()
  @ApiOperation({ operationId: 'createCustomer', summary: 'Create a customer', description: "Phones in any form, stored E.164 with the organization's default country; a number of another customer is PHONE_ALREADY_LINKED (409) and nothing is stored." })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiBodyProblems()
  @ApiProblems(409)
  async create(@CurrentOrg() orgId: OrgId, @Body() body: CreateCustomerDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CustomerDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.CustomerCreate, { ...body, organizationId: orgId, ...key(idempotencyKey) }));
  }

  @Get()
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'listCustomers', summary: "The organization's customers, newest first; `q` searches them" })
  @ApiOkResponse({ type: CustomerPageDto })
  @ApiProblems(400, 422, 500)
  async list(@CurrentOrg() orgId: OrgId, @Query() query: CustomerListQueryDto): Promise<CustomerPageDto> {
    const page = await this.ticketing.request(Rpc.Ticketing.CustomerList, { organizationId: orgId, limit: query.limit ?? DEFAULT_PAGE_SIZE, ...(query.cursor ? { cursor: query.cursor } : {}), ...(query.q !== undefined ? { q: query.q } : {}) });
    return { items: page.items.map(toDto), nextCursor: page.nextCursor ?? null };
  }

  @Get('lookup')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'lookupCustomerCard', summary: 'The screen-pop card for a phone number (F1)', description: 'The customer, open tickets, last ticket, the number\'s last calls and notes, plus what the organization\'s lookup URL adds (never waited on past its timeout: `enrichment.status` says). No customer: `matched: false`, the "new customer" card.' })
  @ApiOkResponse({ type: CustomerCardDto })
  @ApiProblems(400, 422, 500)
  async lookup(@CurrentOrg() orgId: OrgId, @Query() query: LookupQueryDto): Promise<CustomerCardDto> {
    return toCard(await this.ticketing.request(Rpc.Ticketing.CustomerCard, { organizationId: orgId, phone: query.phone }));
  }

  @Get('enrichment')
  @Roles('admin')
  @ApiOperation({ operationId: 'getCustomerEnrichment', summary: "The screen-pop's enrichment URL (K7); the secret is never shown again" })
  @ApiOkResponse({ type: EnrichmentDto })
  @ApiProblems(500)
  enrichment(@CurrentOrg() orgId: OrgId): Promise<EnrichmentDto> {
    return this.ticketing.request(Rpc.Ticketing.EnrichmentGet, { organizationId: orgId });
  }

  @Put('enrichment')
  @Roles('admin')
  @ApiOperation({ operationId: 'setCustomerEnrichment', summary: "Set the screen-pop's enrichment URL and timeout (K7)", description: 'The first call, or `rotateSecret: true`, makes the Standard Webhooks signing secret and shows it once.' })
  @ApiOkResponse({ type: EnrichmentDto })
  @ApiBodyProblems()
  configure(@CurrentOrg() orgId: OrgId, @Body() body: EnrichmentSettingsDto): Promise<EnrichmentDto> {
    return this.ticketing.request(Rpc.Ticketing.EnrichmentConfigure, { ...body, organizationId: orgId });
  }

  @Get(':id')
  @Roles('admin', 'supervisor', 'operator')
  @ApiOperation({ operationId: 'getCustomer', summary: 'One customer with its phones' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 422, 500)
  async get(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto): Promise<CustomerDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.CustomerGet, { organizationId: orgId, customerId: params.id }));
  }

  @Patch(':id')
  @Roles('admin', 'supervisor', 'operator')
  @Idempotent()
  @ApiOperation({ operationId: 'updateCustomer', summary: 'Change some fields of a customer (`null` clears an optional one)' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiBodyProblems()
  @ApiProblems(404)
  async update(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: UpdateCustomerDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CustomerDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.CustomerUpdate, { ...body, organizationId: orgId, customerId: params.id, ...key(idempotencyKey) }));
  }

  @Post(':id/phones')
  @Roles('admin', 'supervisor', 'operator')
  @Idempotent()
  @ApiOperation({ operationId: 'linkCustomerPhone', summary: 'Link a number to the customer (J2)', description: 'Linking a number the customer has is a no-op; a number of another customer is PHONE_ALREADY_LINKED (409).' })
  @ApiCreatedResponse({ type: CustomerDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409)
  async link(@CurrentOrg() orgId: OrgId, @Param() params: UuidParamDto, @Body() body: LinkPhoneDto, @IdempotencyKeyId() idempotencyKey: string | undefined): Promise<CustomerDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.CustomerPhoneLink, { organizationId: orgId, customerId: params.id, phone: body.phone, ...key(idempotencyKey) }));
  }

  @Delete(':id/phones/:phone')
  @Roles('admin', 'supervisor')
  @ApiOperation({ operationId: 'unlinkCustomerPhone', summary: 'Remove a number from the customer' })
  @ApiOkResponse({ type: CustomerDto })
  @ApiProblems(404, 422, 500)
  async unlink(@CurrentOrg() orgId: OrgId, @Param() params: PhoneParamDto): Promise<CustomerDto> {
    return toDto(await this.ticketing.request(Rpc.Ticketing.CustomerPhoneUnlink, { organizationId: orgId, customerId: params.id, phone: params.phone }));
  }
}
