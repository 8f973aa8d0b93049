import type { OrgId, Page, PageRequest } from '@santral/persistence';
import type { CallList, Contact } from './call-list';

/** Port: call lists and their contacts (contacts are written only by an import, see ImportSink). */
export abstract class CallListsPort {
  abstract insert(list: Omit<CallList, 'contactCount'>): Promise<void>;
  abstract find(orgId: OrgId, id: string): Promise<CallList | null>;
  abstract page(orgId: OrgId, page: PageRequest): Promise<Page<CallList>>;
  abstract contacts(orgId: OrgId, callListId: string, page: PageRequest): Promise<Page<Contact>>;
}

/** Port: the organization's default country, from the settings projection; null before it arrived. */
export abstract class OrganizationCountry {
  abstract of(orgId: OrgId): Promise<string | null>;
}
