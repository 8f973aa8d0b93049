import { Injectable } from '@nestjs/common';
import type { OrgId, Page } from '@santral/persistence';
import { toPage, type PageRequest } from '../common/pagination';
import type { ApiKey } from './api-key';
import { ApiKeysPort } from './api-keys.port';

/** The organization's keys, newest first, revoked ones included; never their secrets. */
@Injectable()
export class ListApiKeysUseCase {
  constructor(private readonly keys: ApiKeysPort) {}

  async execute(orgId: OrgId, page: PageRequest): Promise<Page<ApiKey>> {
    return toPage(await this.keys.listPage(orgId, page), page.limit);
  }
}
