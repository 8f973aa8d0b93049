import { ApiKeyEntity } from './api-keys/api-key.entity';
import { OrganizationEntity } from './organizations/organization.entity';
import { UserEntity } from './users/user.entity';

/** Every TypeORM entity of this service (its schema: gateway). Idempotency keys use plain SQL. */
export const entities: Array<new () => object> = [OrganizationEntity, ApiKeyEntity, UserEntity];
