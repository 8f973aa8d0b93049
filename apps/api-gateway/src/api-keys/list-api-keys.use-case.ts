import { Injectable } from '@nestjs/common';
import type { OrgId, Page, PageRequest } from '@santral/persistence';
import type { ApiKey } from './api-key';
import { ApiKeysPort } from './api-keys.port';

/** The organization's keys, newest first, revoked ones included; never their secrets. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeysPort) {}

  execute(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>> {
    return this.keys.listPage(orgId, page);
  }
}
