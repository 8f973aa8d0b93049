import { Injectable } from '@nestjs/common';
import { csvLine, Rpc, type ContactReply } from '@santral/contracts';
import type { OrgId } from '@santral/persistence';
import { ServiceRpc } from '../common/service-rpc';

/** Contacts asked of the campaign service per request while exporting. */
const PAGE = 100;

/** Excel opens a CSV as UTF-8 (Turkish letters intact) only when it starts with a byte order mark. */
const UTF8_BOM = '\uFEFF';

export interface CallListExport {
  /** ASCII only (for the plain `filename=`). */
  fileName: string;
  /** The list's own name with its letters (for `filename*=UTF-8''`, RFC 6266). */
  utf8FileName: string;
  /** The CSV, line by line, fetched page by page as it is read (never held whole). */
  lines: AsyncIterable<string>;
}

/**
 * A call list's contacts as CSV (B3): phone, name, time zone, DNC flag, source line, then one
 * column per variable of the first page (a variable first met later goes, as JSON, into
 * `other_variables`). Every free-text cell is escaped against formula injection. The list is
 * looked up before anything is sent, so an unknown list answers 404 and not an empty file.
 */
@Injectable()
export class ExportCallListUseCase {
  constructor(private readonly campaign: ServiceRpc) {}

  async execute(orgId: OrgId, callListId: string): Promise<CallListExport> {
    const list = await this.campaign.request(Rpc.Campaign.CallListGet, { organizationId: orgId, callListId });
    const first = await this.page(orgId, callListId);
    return { fileName: `${fileSafe(list.name)}.csv`, utf8FileName: `${list.name.replace(/[\\/\x00-\x1f]+/g, '_')}.csv`, lines: this.lines(orgId, callListId, first) };
  }

  private page(orgId: OrgId, callListId: string, cursor?: string) {
    return this.campaign.request(Rpc.Campaign.CallListContacts, { organizationId: orgId, callListId, limit: PAGE, ...(cursor ? { cursor } : {}) });
  }

  private async *lines(orgId: OrgId, callListId: string, first: { items: ContactReply[]; nextCursor?: string | null }): AsyncGenerator<string> {
    const variables = [...new Set(first.items.flatMap((c) => Object.keys(c.variables)))].sort();
    yield UTF8_BOM + csvLine(['phone', 'name', 'time_zone', 'on_dnc', 'line', ...variables, 'other_variables']);
    let page = first;
    for (;;) {
      for (const c of page.items) {
        const others = Object.fromEntries(Object.entries(c.variables).filter(([k]) => !variables.includes(k)));
        yield csvLine([
          { raw: c.phone }, c.name ?? '', c.timeZone ?? '', { raw: String(c.onDnc) }, { raw: String(c.line) },
          ...variables.map((k) => c.variables[k] ?? ''),
          Object.keys(others).length ? JSON.stringify(others) : '',
        ]);
      }
      if (!page.nextCursor) return;
      page = await this.page(orgId, callListId, page.nextCursor);
    }
  }
}

/** A list name as an ASCII download file name: accents dropped (ı → i), other signs as `_`. */
function fileSafe(name: string): string {
  return name.replace(/ı/g, 'i').normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\w.-]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 80) || 'call-list';
}
