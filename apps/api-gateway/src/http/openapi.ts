import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AgentsModule } from '../agents/agents.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { CallListsModule } from '../call-lists/call-lists.module';
import { BillingModule } from '../billing/billing.module';
import { CampaignsModule } from '../campaigns/campaigns.module';
import { CallsModule } from '../calls/calls.module';
import { CustomersModule } from '../customers/customers.module';
import { BEARER_SCHEME } from '../auth/roles.decorator';
import { STREAM_TOKEN_SCHEME } from '../events-stream/events-stream.dto';
import { EventsStreamModule } from '../events-stream/events-stream.module';
import { ProblemDetailsDto, ProblemFieldErrorDto } from '@santral/service-kit';
import { DncModule } from '../dnc/dnc.module';
import { HotlinesModule } from '../hotlines/hotlines.module';
import { MessageRulesModule } from '../message-rules/message-rules.module';
import { OperatorHelpersModule } from '../operator-helpers/operator-helpers.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PhoneNumbersModule } from '../phone-numbers/phone-numbers.module';
import { PresenceModule } from '../presence/presence.module';
import { ProviderAccountsModule } from '../provider-accounts/provider-accounts.module';
import { TicketsModule } from '../tickets/tickets.module';
import { UsersModule } from '../users/users.module';

/** The public API's modules; /health and /metrics are for operators and stay out of the contract. */
export const PUBLIC_MODULES = [OrganizationsModule, ApiKeysModule, UsersModule, PhoneNumbersModule, ProviderAccountsModule, DncModule, HotlinesModule, MessageRulesModule, PresenceModule, CallsModule, AgentsModule, CallListsModule, BillingModule, CampaignsModule, EventsStreamModule, CustomersModule, TicketsModule, OperatorHelpersModule];

export const OPENAPI_VERSION = '3.1.0';

/** The public contract (DESIGN §6), generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion(OPENAPI_VERSION)
    .setTitle('Santral API')
    .setDescription(
      'Calling platform API. Authenticate with `Authorization: Bearer <API key>`. Errors are RFC 9457 ' +
        '`application/problem+json` with a stable `code`. Lists are cursor-paginated (`?limit=&cursor=`). ' +
        'Mutating POSTs accept `Idempotency-Key`. Request bodies are limited to 1 MiB.',
    )
    .setVersion('1.0.0')
    .setLicense('Proprietary', 'https://santral.dev/terms')
    .addServer('/', 'This server')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An organization API key, or the platform admin key' }, BEARER_SCHEME)
    .addSecurity(STREAM_TOKEN_SCHEME, { type: 'apiKey', in: 'query', name: 'token', description: 'A stream token (POST /v1/events/stream-tokens): EventSource cannot send an Authorization header' })
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    include: PUBLIC_MODULES,
    extraModels: [ProblemDetailsDto, ProblemFieldErrorDto],
    operationIdFactory: (_controller, method) => method,
  });
  return toOpenApi31(document);
}

/**
 * @nestjs/swagger writes 3.0 schemas; in 3.1 (JSON Schema 2020-12) `nullable` is gone:
 * `{type: 'string', nullable: true}` becomes `{type: ['string', 'null']}`.
 */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) out[key] = rewrite(value);
    if (out.nullable === true) {
      delete out.nullable;
      if (typeof out.type === 'string') out.type = [out.type, 'null'];
      else if (out.$ref || out.allOf || out.oneOf) return { oneOf: [out, { type: 'null' }] };
    } else if (out.nullable === false) {
      delete out.nullable;
    }
    return out;
  };
  return { ...(rewrite(document) as OpenAPIObject), openapi: OPENAPI_VERSION };
}
