import { applyDecorators } from '@nestjs/common';
import { ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@santral/contracts';
import { ProblemDetailsDto } from '@santral/service-kit';

const DESCRIPTIONS: Record<number, string> = {
  400: 'MALFORMED_JSON or INVALID_CURSOR',
  401: 'UNAUTHENTICATED (no key), INVALID_API_KEY or API_KEY_REVOKED',
  403: 'FORBIDDEN: the key\'s role may not do this',
  404: 'NOT_FOUND (also for another organization\'s ids)',
  409: 'CONFLICT, or IDEMPOTENCY_REQUEST_IN_PROGRESS',
  413: 'PAYLOAD_TOO_LARGE: body over 1 MiB',
  415: 'UNSUPPORTED_MEDIA_TYPE: send application/json',
  422: 'VALIDATION_FAILED (with per-field errors) or IDEMPOTENCY_KEY_REUSED',
  500: 'INTERNAL',
  502: 'PROVIDER_ERROR: the telephony provider answered with an error',
  503: 'SERVICE_UNAVAILABLE: the service behind this endpoint is not running; retry later',
  504: 'UPSTREAM_TIMEOUT: the service behind this endpoint did not answer in time; the change may or may not have been applied',
};

/** Documents problem+json responses for the given statuses. */
export function ApiProblems(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}

/** The problems any route with a JSON body can answer. */
export const ApiBodyProblems = (): MethodDecorator & ClassDecorator => ApiProblems(400, 413, 415, 422, 500);
