/**
 * What a file is, from its first bytes, before anything parses it: text in UTF-8 (or Windows-1252,
 * read line by line later), text in UTF-16 of either byte order (with or without its byte-order
 * mark), or not text at all (an image, an archive, a spreadsheet saved as .csv): refused, saying
 * what it looks like. UTF-16 is turned into UTF-8 as it streams, so the parsers read one encoding.
 */
import 'server-only';

export type Sniffed = { kind: 'utf8' } | { kind: 'utf16'; endian: 'le' | 'be'; bom: boolean } | { kind: 'binary'; looksLike: string };

/** File signatures a newsroom may send by mistake instead of a CSV or GeoJSON export. */
const SIGNATURES: { bytes: number[]; name: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], name: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive (an .xlsx spreadsheet is one: export it as CSV)' },
  { bytes: [0x1f, 0x8b], name: 'a gzip archive (unpack it first)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Office document (an .xls spreadsheet: export it as CSV)' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], name: 'an SQLite database (a GeoPackage?)' },
];

/** How many of the first bytes are looked at. */
export const SNIFF_BYTES = 4096;

export function sniff(head: Uint8Array): Sniffed {
  const starts = (sig: number[]) => sig.every((b, i) => head[i] === b);
  if (starts([0xff, 0xfe])) return { kind: 'utf16', endian: 'le', bom: true };
  if (starts([0xfe, 0xff])) return { kind: 'utf16', endian: 'be', bom: true };
  for (const s of SIGNATURES) if (starts(s.bytes)) return { kind: 'binary', looksLike: s.name };
  const n = Math.min(head.length, SNIFF_BYTES);
  // UTF-16 without a mark: text in Latin letters puts a zero in every other byte
  let evenZeros = 0;
  let oddZeros = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] ?? 0;
    if (b === 0) {
      if (i % 2 === 0) evenZeros++;
      else oddZeros++;
    } else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b && b !== 0x1e)) controls++;
  }
  const pairs = Math.floor(n / 2);
  if (pairs >= 2 && oddZeros > pairs * 0.3 && evenZeros < pairs * 0.05) return { kind: 'utf16', endian: 'le', bom: false };
  if (pairs >= 2 && evenZeros > pairs * 0.3 && oddZeros < pairs * 0.05) return { kind: 'utf16', endian: 'be', bom: false };
  // text has no NUL and few control characters (a record separator opens GeoJSON text sequences)
  if (evenZeros + oddZeros > 0 || controls > n * 0.01) return { kind: 'binary', looksLike: 'binary data, not text' };
  return { kind: 'utf8' };
}

/** UTF-16 bytes as UTF-8 bytes, chunk by chunk (a character split between chunks is kept whole). */
export async function* utf16ToUtf8(source: AsyncIterable<Uint8Array>, endian: 'le' | 'be'): AsyncGenerator<Uint8Array> {
  // the decoder drops a byte-order mark itself, and carries half a character to the next chunk
  const decoder = new TextDecoder(endian === 'le' ? 'utf-16le' : 'utf-16be');
  const encoder = new TextEncoder();
  for await (const chunk of source) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield encoder.encode(text);
  }
  const rest = decoder.decode();
  if (rest) yield encoder.encode(rest);
}
