import { DomainError, type ImportMappingV1 } from '@santral/contracts';

/**
 * A header name folded for matching: Turkish İ/ı/I to i, diacritics dropped (ş→s, ğ→g, ố→o),
 * lower case, every run of other characters one `_` ("Ad Soyad" → "ad_soyad", "Số điện thoại" → "so_dien_thoai").
 */
export function foldHeader(name: string): string {
  return name
    .replace(/[İIı]/g, 'i')
    .replace(/[đĐ]/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Folded aliases (Turkish, English, Vietnamese: the seeds' users). */
export const HEADER_ALIASES = {
  phone: ['phone', 'number', 'phone_number', 'phonenumber', 'mobile', 'mobile_phone', 'msisdn', 'gsm', 'gsm_no', 'tel', 'telefon', 'telefon_no', 'telefon_numarasi', 'cep', 'cep_telefonu', 'cep_tel', 'cep_no', 'numara', 'so_dien_thoai', 'dien_thoai', 'sdt'],
  name: ['name', 'full_name', 'fullname', 'contact', 'contact_name', 'customer', 'ad', 'adi', 'ad_soyad', 'adi_soyadi', 'isim', 'isim_soyisim', 'musteri', 'musteri_adi', 'ho_ten', 'ten', 'ho_va_ten'],
  timeZone: ['timezone', 'time_zone', 'tz', 'zone', 'saat_dilimi', 'zaman_dilimi', 'mui_gio'],
} as const;

export interface ColumnMapping {
  phone: number;
  name: number | null;
  timeZone: number | null;
  /** Custom variables: the column and its key (the folded header, so `{{sehir}}` reads "Şehir"). */
  variables: Array<{ index: number; key: string }>;
}

/** A variable key agents can write as `{{key}}`: a letter or `_` first. */
function variableKey(header: string, index: number): string {
  const folded = foldHeader(header) || `column_${index + 1}`;
  return /^[a-z_]/.test(folded) ? folded : `_${folded}`;
}

/**
 * Which column is what. An explicit mapping (header names as written) wins over the aliases;
 * a mapping naming a column the file lacks is IMPORT_MAPPING_INVALID, no phone column at all
 * IMPORT_NO_PHONE_COLUMN (the job fails, nothing is imported).
 */
export function mapHeader(header: readonly string[], explicit: ImportMappingV1 = {}): ColumnMapping {
  const folded = header.map(foldHeader);
  const byName = (field: string, name: string): number => {
    const exact = header.findIndex((h) => h.trim() === name.trim());
    const index = exact >= 0 ? exact : folded.indexOf(foldHeader(name));
    if (index < 0) throw new DomainError('IMPORT_MAPPING_INVALID', `mapping.${field}: the file has no column "${name}" (columns: ${header.join(', ')})`);
    return index;
  };
  const guess = (aliases: readonly string[]): number | null => {
    for (const alias of aliases) {
      const index = folded.indexOf(alias);
      if (index >= 0) return index;
    }
    return null;
  };
  const phone = explicit.phone !== undefined ? byName('phone', explicit.phone) : guess(HEADER_ALIASES.phone);
  if (phone === null) {
    throw new DomainError('IMPORT_NO_PHONE_COLUMN', `No phone column in the header (${header.join(', ') || 'empty'}); name it phone, telefon, cep, gsm … or give mapping.phone`);
  }
  const name = explicit.name !== undefined ? byName('name', explicit.name) : guess(HEADER_ALIASES.name);
  const timeZone = explicit.timeZone !== undefined ? byName('timeZone', explicit.timeZone) : guess(HEADER_ALIASES.timeZone);
  const taken = new Set([phone, name, timeZone]);
  const columns = explicit.variables !== undefined ? explicit.variables.map((v) => byName('variables', v)) : header.map((_, i) => i).filter((i) => !taken.has(i) && header[i]!.trim() !== '');
  const seen = new Set<string>();
  const variables = columns.flatMap((index) => {
    const key = variableKey(header[index]!, index);
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ index, key }];
  });
  return { phone, name, timeZone, variables };
}
