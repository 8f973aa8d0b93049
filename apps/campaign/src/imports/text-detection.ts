import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DetectedEncoding {
  /** An iconv-lite encoding name. */
  encoding: string;
  /** Bytes of byte-order mark to skip. */
  bom: number;
}

/** Whether `bytes` is valid UTF-8, allowing a sequence cut at the end of the chunk. */
function isUtf8(bytes: Buffer): boolean {
  let end = bytes.length;
  // Step back over a trailing, possibly incomplete, multi-byte sequence (at most 3 bytes).
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const b = bytes[end - i]!;
    if ((b & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((b & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte. */
function utf16WithoutBom(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 8) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const pairs = n / 2;
  if (oddNul > pairs * 0.4 && evenNul < pairs * 0.05) return 'utf-16le';
  if (evenNul > pairs * 0.4 && oddNul < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Single-byte European code pages: on a short sample chardet cannot tell them apart (Turkish text comes back as 1250, 1252, 1257 …). */
const SINGLE_BYTE_EUROPEAN = /^(ISO-8859-\d+|windows-125\d)$/;
/** The Windows code page a country's Excel saves CSV in. */
const EXCEL_CODE_PAGE: Readonly<Record<string, string>> = { TR: 'windows-1254', VN: 'windows-1258', GR: 'windows-1253', PL: 'windows-1250', CZ: 'windows-1250', HU: 'windows-1250', RU: 'windows-1251', UA: 'windows-1251' };

/**
 * The encoding of a file from its first chunk: a BOM first (UTF-8, UTF-16 LE/BE), then UTF-16
 * without one, then valid UTF-8, then chardet. A single-byte European guess is read as the code
 * page the list's country's Excel writes (Windows-1254 for TR), else as chardet's Turkish guess
 * or Windows-1252; other guesses (CJK, Cyrillic) as chardet says when iconv-lite knows them.
 */
export function detectEncoding(first: Buffer, country: string): DetectedEncoding {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf) return { encoding: 'utf-8', bom: 3 };
  if (first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf-16le', bom: 2 };
  if (first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf-16be', bom: 2 };
  const utf16 = utf16WithoutBom(first);
  if (utf16) return { encoding: utf16, bom: 0 };
  if (isUtf8(first)) return { encoding: 'utf-8', bom: 0 };
  const guess = chardet.detect(first);
  if (guess === null || SINGLE_BYTE_EUROPEAN.test(guess)) {
    const byCountry = EXCEL_CODE_PAGE[country];
    if (byCountry) return { encoding: byCountry, bom: 0 };
    return { encoding: guess === 'ISO-8859-9' || guess === 'windows-1254' ? 'windows-1254' : 'windows-1252', bom: 0 };
  }
  return { encoding: iconv.encodingExists(guess) ? guess : 'windows-1252', bom: 0 };
}

export type Delimiter = ',' | ';' | '\t';

/** The delimiter of a header line: the most frequent of `,` `;` tab outside quotes (`,` when none). */
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts['\t'] > 0 && counts['\t'] >= counts[';'] && counts['\t'] >= counts[',']) return '\t';
  if (counts[';'] > 0 && counts[';'] >= counts[',']) return ';';
  return ',';
}
