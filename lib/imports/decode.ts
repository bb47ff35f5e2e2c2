/**
 * Bytes of a text file as text, line by line: UTF-8 where a line is valid UTF-8, else that line
 * read as Windows-1252 (the "stray bytes from old encodings" of files re-saved on old systems),
 * counted so the report can say how many lines needed it. A BOM is dropped. Line ends are kept,
 * so quoted fields with embedded newlines reach the CSV parser intact. A line longer than
 * `maxLine` bytes refuses the file (413): memory stays bounded whatever the input, even a file of
 * hundreds of megabytes with no line break.
 */
import 'server-only';
import { ImportError } from './report';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

export interface DecodeStats {
  /** lines that were not UTF-8 and were read as Windows-1252 */
  reencodedLines: number;
}

function decodeLine(bytes: Uint8Array, stats: DecodeStats): string {
  try {
    return utf8.decode(bytes);
  } catch {
    stats.reencodedLines++;
    return cp1252.decode(bytes);
  }
}

export async function* decodeLines(
  source: AsyncIterable<Uint8Array>,
  stats: DecodeStats,
  { maxLine }: { maxLine: number },
): AsyncGenerator<string> {
  let carry: Uint8Array = new Uint8Array(0);
  let first = true;
  let lines = 0;
  const tooLong = () =>
    new ImportError(`Line ${lines + 1} is longer than ${Math.round(maxLine / 1024 / 1024)} MiB: no export holds such a line.`, 413);
  for await (const chunk of source) {
    let buf = carry.length ? concat(carry, chunk) : chunk;
    if (first && buf.length >= 3) {
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      first = false;
    }
    let start = 0;
    const out: string[] = [];
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, start)) {
      if (i + 1 - start > maxLine) {
        // the lines before it are read first: what they hold is imported before the file is refused
        if (out.length) yield out.join('');
        throw tooLong();
      }
      out.push(decodeLine(buf.subarray(start, i + 1), stats));
      lines++;
      start = i + 1;
    }
    carry = buf.slice(start);
    if (out.length) yield out.join('');
    // what is held of a line not yet ended stays under the limit (a chunk at most beyond it)
    if (carry.length > maxLine) throw tooLong();
  }
  if (carry.length > maxLine) throw tooLong();
  if (carry.length)
    yield decodeLine(first && carry[0] === 0xef && carry[1] === 0xbb && carry[2] === 0xbf ? carry.subarray(3) : carry, stats);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
