/**
 * Search folding, the same for what is stored and what is asked (pure): accents dropped after NFKD,
 * lower-cased, and Turkish dotless ı made i — so 'ISIK', 'Işık' and 'ışık' all become 'isik', and
 * 'İstanbul' 'istanbul'. Done in code because Postgres lower() under the C/en collations does not map İ.
 */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/ı/g, 'i');
}

/** Words of a text: runs of letters and digits, folded. */
export function searchWords(text: string): string[] {
  return foldForSearch(text).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

export interface SearchableCustomer {
  name: string;
  email: string | null;
  company: string | null;
  notes: string | null;
  customFields: Record<string, string>;
}

/** The document the generated tsvector is built from; an e-mail also yields its parts (`ayse`, `ornek`, `com`). */
export function searchText(c: SearchableCustomer): string {
  const parts = [c.name, c.email, c.company, c.notes, ...Object.values(c.customFields)].filter((p): p is string => !!p);
  return searchWords(parts.join(' ')).join(' ');
}

/** A to_tsquery text: every word must match, each as a prefix (`ays & yil:*`); null when q has no word. */
export function prefixQuery(q: string): string | null {
  const words = searchWords(q).slice(0, 10);
  return words.length === 0 ? null : words.map((w) => `${w}:*`).join(' & ');
}
