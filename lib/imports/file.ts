/** The importer's door: any file, told apart by its first bytes, read as GeoJSON or as CSV. */
import 'server-only';
import type { Db } from '../db/store';
import { importGeoJson, peek, RS } from './geojson';
import { ImportError, type ImportReport } from './report';
import { type ImportOptions, importCsv } from './run';
import { SNIFF_BYTES, sniff, utf16ToUtf8 } from './sniff';

/**
 * Any file the importer reads: GeoJSON when its first character opens JSON (or a GeoJSON text
 * sequence), else CSV (ACLED or UCDP GED). `format` decides when given. A file in UTF-16 is read
 * as such; a file that is not text at all is refused (415), saying what it looks like.
 */
export async function importFile(
  db: Db,
  source: AsyncIterable<Uint8Array>,
  options: Omit<ImportOptions, 'format'> & { format?: 'acled' | 'ucdp' | 'geojson' },
): Promise<ImportReport> {
  const peeked = await peek(source, SNIFF_BYTES);
  const kind = sniff(peeked.head);
  if (kind.kind === 'binary')
    throw new ImportError(`The file is not text: it looks like ${kind.looksLike}. Send a CSV or GeoJSON export.`, 415);
  const text = kind.kind === 'utf16' ? utf16ToUtf8(peeked.all, kind.endian) : peeked.all;
  const { head, all } = kind.kind === 'utf16' ? await peek(text, 64) : { head: peeked.head, all: text };
  const opening = new TextDecoder()
    .decode(head.subarray(0, 64))
    .replace(/^\uFEFF/, '')
    .trimStart();
  const json = options.format === 'geojson' || (!options.format && ['{', '[', RS].some((c) => opening.startsWith(c)));
  if (json) return importGeoJson(db, all, { ...options, format: undefined });
  return importCsv(db, all, { ...options, format: options.format === 'geojson' ? undefined : options.format });
}
