import { codeEnum, type CodesOf } from '../common/code-enum';

/** api-gateway's own resources (organizations, users, webhooks out). */
export const GatewayErrorCode = codeEnum('ORGANIZATION_SUSPENDED', 'WEBHOOK_URL_INVALID', 'IMPORT_FILE_INVALID');
export type GatewayErrorCode = CodesOf<typeof GatewayErrorCode>;
