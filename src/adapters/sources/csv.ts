/**
 * @module adapters/sources/csv
 * A fast CSV/TSV reader over decoded text chunks (RFC 4180 plus: any one-character delimiter, CRLF or LF,
 * quoted fields with doubled quotes and newlines, BOM). The common record without quotes is cut with one
 * `indexOf('\n')` and one native `split(delimiter)`; only records holding a `"` take the slow path.
 *
 * Rules: the first non-blank record is the header. Blank lines are skipped. A record whose field count differs
 * from the header's is skipped with an `input.csv_ragged_row` warning (line and row). A quote only opens a
 * quoted field at the start of a field; text after a closing quote is kept as is (`"a"b` → `ab`). A quote left
 * open at end of input is fatal (`input.csv_unclosed_quote`, at the line where the field started). Empty
 * fields (quoted or not) are `null`.
 */
import { DataPassError } from '../../core/problems.js';
import { BaseReader, cleanHeaders, fatal } from './base.js';
import { type ByteInput, makeDecoder, textChunks } from './bytes.js';
import type { RowBatch, SourceOptions } from './types.js';

export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Picks the delimiter among `,` `\t` `;` `|` whose per-record field count is most consistent (and > 1). */
export function sniffDelimiter(text: string, fallback = ','): string {
  const candidates = [',', '\t', ';', '|'];
  const sample = text.slice(0, 64 * 1024);
  let best = fallback;
  let bestScore = 0;
  for (const d of candidates) {
    const counts = countFields(sample, d, 30);
    if (counts.length === 0) continue;
    const first = counts[0] as number;
    if (first < 2) continue;
    const same = counts.filter((c) => c === first).length;
    const score = (same / counts.length) * 1000 + Math.min(first, 999);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

/** Field counts of the first `maxRecords` complete, non-blank records (quote-aware). */
function countFields(s: string, d: string, maxRecords: number): number[] {
  const dc = d.charCodeAt(0);
  const out: number[] = [];
  let fields = 1;
  let inQuote = false;
  let atFieldStart = true;
  let blank = true;
  for (let i = 0; i < s.length && out.length < maxRecords; i++) {
    const c = s.charCodeAt(i);
    if (inQuote) {
      if (c === QUOTE) {
        if (s.charCodeAt(i + 1) === QUOTE) i++;
        else inQuote = false;
      }
      continue;
    }
    if (c === QUOTE && atFieldStart) {
      inQuote = true;
      atFieldStart = false;
      blank = false;
    } else if (c === dc) {
      fields++;
      atFieldStart = true;
      blank = false;
    } else if (c === LF) {
      if (!blank) out.push(fields);
      fields = 1;
      atFieldStart = true;
      blank = true;
    } else if (c !== CR) {
      atFieldStart = false;
      blank = false;
    }
  }
  return out;
}

/**
 * Splits one physical line that holds quotes: native split on the delimiter, then re-joins pieces of quoted
 * fields. Returns undefined when the line is not simple (a quote left open, so the record spans lines, or
 * text after a closing quote); the caller then uses the exact character parser. Empty fields → null.
 */
export function splitQuoted(line: string, d: string): (string | null)[] | undefined {
  const parts = line.split(d);
  const out: (string | null)[] = [];
  const n = parts.length;
  for (let i = 0; i < n; i++) {
    let p = parts[i] as string;
    if (p.charCodeAt(0) !== QUOTE) {
      out.push(p === '' ? null : p);
      continue;
    }
    let quotes = countQuotes(p);
    while (quotes % 2 === 1) {
      if (++i >= n) return undefined;
      const next = parts[i] as string;
      p += d + next;
      quotes += countQuotes(next);
    }
    if (p.length < 2 || p.charCodeAt(p.length - 1) !== QUOTE) return undefined;
    const inner = p.slice(1, -1);
    let v = inner;
    if (inner.indexOf('"') !== -1) {
      v = inner.replaceAll('""', '"');
      if (countQuotes(inner) !== 2 * (inner.length - v.length)) return undefined;
    }
    out.push(v === '' ? null : v);
  }
  return out;
}

function countQuotes(s: string): number {
  let c = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) c++;
  return c;
}

export interface CsvParserEvents {
  ragged(line: number, row: number, found: number, expected: number): void;
  unclosed(line: number): never;
  tooLong(line: number, quoteLine: number | undefined): never;
}

/**
 * Incremental CSV parser: `feed(text)` any number of times, then `feed('', true)`. Complete data records
 * accumulate in `out` (take them and reset it); the header is in `header`.
 */
export class CsvParser {
  out: (string | null)[][] = [];
  header: string[] | undefined;
  /** Physical line (1-based) where `pending` starts. */
  line = 1;
  /** Data records seen, including skipped ragged ones. */
  dataRows = 0;
  private pending = '';
  /** What the incomplete pending record waits for: 0 anything, 1 a `\n`, 2 a `"`. */
  private need = 0;
  private openQuoteLine: number | undefined;
  private expected = -1;
  private readonly dc: number;

  constructor(
    private readonly delim: string,
    private readonly maxLen: number,
    private readonly events: CsvParserEvents,
  ) {
    this.dc = delim.charCodeAt(0);
  }

  feed(chunk: string, final = false): void {
    let s: string;
    if (this.pending.length > 0) {
      if (
        !final &&
        ((this.need === 1 && chunk.indexOf('\n') === -1) || (this.need === 2 && chunk.indexOf('"') === -1))
      ) {
        this.pending += chunk;
        if (this.pending.length > this.maxLen) this.events.tooLong(this.line, this.openQuoteLine);
        return;
      }
      s = this.pending + chunk;
    } else s = chunk;
    const pos = this.parse(s, final);
    this.pending = pos >= s.length ? '' : s.slice(pos);
    if (this.pending.length > this.maxLen) this.events.tooLong(this.line, this.openQuoteLine);
  }

  private header_(fields: (string | null)[]): void {
    this.header = fields.map((f) => f ?? '');
    this.expected = fields.length;
  }

  /** Parses complete records of `s`; returns where the first incomplete record starts. */
  private parse(s: string, final: boolean): number {
    const len = s.length;
    const d = this.delim;
    const out = this.out;
    let expected = this.expected;
    let line = this.line;
    let pos = 0;
    let q = -1;
    this.need = 0;
    this.openQuoteLine = undefined;
    while (pos < len) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1) {
        if (!final) {
          this.need = 1;
          break;
        }
        nl = len;
      }
      if (q < pos) {
        q = s.indexOf('"', pos);
        if (q === -1) q = len + 1;
      }
      if (q > nl) {
        let end = nl;
        if (end > pos && s.charCodeAt(end - 1) === CR) end--;
        if (end > pos) {
          const f = s.slice(pos, end).split(d) as (string | null)[];
          if (expected < 0) {
            this.header_(f);
            expected = this.expected;
          } else {
            this.dataRows++;
            if (f.length === expected) {
              for (let j = 0; j < f.length; j++) if (f[j] === '') f[j] = null;
              out.push(f);
            } else this.events.ragged(line, this.dataRows, f.length, expected);
          }
        }
        line++;
        pos = nl + 1;
        continue;
      }
      // A quote on this line: if the record ends on this line with balanced quotes, split and re-join.
      let end = nl;
      if (end > pos && s.charCodeAt(end - 1) === CR) end--;
      const f = nl < len ? splitQuoted(s.slice(pos, end), d) : undefined;
      if (f !== undefined) {
        if (expected < 0) {
          this.header_(f);
          expected = this.expected;
        } else {
          this.dataRows++;
          if (f.length === expected) out.push(f);
          else this.events.ragged(line, this.dataRows, f.length, expected);
        }
        line++;
        pos = nl + 1;
        continue;
      }
      this.line = line;
      const next = this.parseSlow(s, pos, final);
      if (next < 0) break;
      expected = this.expected;
      line = this.line;
      pos = next;
    }
    this.line = line;
    return pos;
  }

  /** Parses one record that holds a quote. Returns the position after it, or -1 if `s` ends inside it. */
  private parseSlow(s: string, start: number, final: boolean): number {
    const len = s.length;
    const dc = this.dc;
    const fields: (string | null)[] = [];
    let i = start;
    let nls = 0;
    for (;;) {
      let field: string;
      if (s.charCodeAt(i) === QUOTE) {
        const qline = this.line + nls;
        let j = i + 1;
        let acc = '';
        for (;;) {
          const k = s.indexOf('"', j);
          if (k === -1) {
            if (final) this.events.unclosed(qline);
            this.need = 2;
            this.openQuoteLine = qline;
            return -1;
          }
          if (k + 1 >= len && !final) {
            this.need = 0;
            return -1;
          }
          if (s.charCodeAt(k + 1) === QUOTE) {
            acc += s.slice(j, k + 1);
            j = k + 2;
            continue;
          }
          acc += s.slice(j, k);
          i = k + 1;
          break;
        }
        let p = -1;
        while ((p = acc.indexOf('\n', p + 1)) !== -1) nls++;
        const c = s.charCodeAt(i);
        if (i < len && c !== dc && c !== LF && c !== CR) {
          let k = i;
          while (k < len) {
            const ck = s.charCodeAt(k);
            if (ck === dc || ck === LF) break;
            k++;
          }
          if (k === len && !final) {
            this.need = 1;
            return -1;
          }
          let e = k;
          if (e > i && s.charCodeAt(e - 1) === CR && s.charCodeAt(k) !== dc) e--;
          acc += s.slice(i, e);
          i = e;
        }
        field = acc;
      } else {
        let k = i;
        while (k < len) {
          const ck = s.charCodeAt(k);
          if (ck === dc || ck === LF) break;
          k++;
        }
        if (k === len && !final) {
          this.need = 1;
          return -1;
        }
        let e = k;
        if (e > i && s.charCodeAt(e - 1) === CR && s.charCodeAt(k) !== dc) e--;
        field = s.slice(i, e);
        i = e;
      }
      fields.push(field === '' ? null : field);
      if (i >= len) break;
      const c = s.charCodeAt(i);
      if (c === dc) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= len) {
          if (!final) {
            this.need = 0;
            return -1;
          }
          i++;
          break;
        }
        if (s.charCodeAt(i + 1) === LF) {
          i += 2;
          nls++;
          break;
        }
        i++;
        continue;
      }
      if (c === LF) {
        i++;
        nls++;
        break;
      }
    }
    const startLine = this.line;
    this.line += nls;
    if (this.expected < 0) this.header_(fields);
    else {
      this.dataRows++;
      if (fields.length === this.expected) this.out.push(fields);
      else this.events.ragged(startLine, this.dataRows, fields.length, this.expected);
    }
    return i;
  }
}

class CsvReader extends BaseReader {
  readonly format: 'csv' | 'tsv';
  constructor(
    private readonly input: ByteInput,
    format: 'csv' | 'tsv',
    maxWarnings: number | undefined,
    private readonly text: AsyncGenerator<string>,
    private readonly parser: CsvParser,
  ) {
    super(input.name, maxWarnings);
    this.format = format;
    if (input.totalBytes !== undefined) this.totalBytesKnown = input.totalBytes;
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    try {
      yield* this.parseAll();
    } catch (err) {
      throw await withByteOffset(this.input, err);
    }
  }

  private async *parseAll(): AsyncGenerator<RowBatch> {
    const p = this.parser;
    if (p.out.length > 0) {
      const first = p.out;
      p.out = [];
      this.rowCount += first.length;
      this.bytes = this.input.bytesRead;
      yield first;
    }
    for await (const t of this.text) {
      p.feed(t);
      this.bytes = this.input.bytesRead;
      if (p.out.length > 0) {
        const b = p.out;
        p.out = [];
        this.rowCount += b.length;
        yield b;
      }
    }
    p.feed('', true);
    this.bytes = this.input.bytesRead;
    if (p.out.length > 0) {
      const b = p.out;
      p.out = [];
      this.rowCount += b.length;
      yield b;
    }
  }

  protected async release(): Promise<void> {
    await this.text.return(undefined).catch(() => {});
    await this.input.close();
  }
}

/** Opens a CSV/TSV source: decides encoding and delimiter, reads the header. */
export async function openCsv(input: ByteInput, format: 'csv' | 'tsv', opts: SourceOptions): Promise<BaseReader> {
  const dec = await makeDecoder(input, opts, format.toUpperCase());
  const text = textChunks(input, dec);
  const file = input.file;
  let reader: CsvReader | undefined;
  const early: [number, number, number, number][] = [];
  const events: CsvParserEvents = {
    ragged(line, row, found, expected) {
      if (reader) reader.warn('input.csv_ragged_row', { found, expected }, { file, line, row });
      else early.push([line, row, found, expected]);
    },
    unclosed(line) {
      fatal('input.csv_unclosed_quote', {}, { file, line });
    },
    tooLong(line, quoteLine) {
      const limit = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
      const detail = quoteLine !== undefined ? `; the quoted field opened on line ${quoteLine} may be unclosed` : '';
      fatal('input.line_too_long', { limit, detail }, { file, line });
    },
  };
  try {
    const first = await text.next();
    const firstText = first.done ? '' : first.value;
    const delimiter = opts.delimiter ?? (format === 'tsv' ? '\t' : sniffDelimiter(firstText));
    const parser = new CsvParser(delimiter, opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, events);
    if (!first.done) parser.feed(firstText);
    while (parser.header === undefined) {
      const r = await text.next();
      if (r.done) {
        parser.feed('', true);
        break;
      }
      parser.feed(r.value);
    }
    if (parser.header === undefined) fatal('input.file_empty', {}, { file });
    reader = new CsvReader(input, format, opts.maxWarnings, text, parser);
    reader.encoding = dec.encoding;
    reader.delimiter = delimiter;
    const r = reader;
    reader.setColumns(cleanHeaders(parser.header, (code, params) => r.warn(code, params, { file, line: 1 })));
    for (const [line, row, found, expected] of early)
      r.warn('input.csv_ragged_row', { found, expected }, { file, line, row });
    return reader;
  } catch (err) {
    await text.return(undefined).catch(() => {});
    throw await withByteOffset(input, err);
  }
}

/** Adds the byte offset of the reported line to a located problem, for files. */
export async function withByteOffset(input: ByteInput, err: unknown): Promise<unknown> {
  if (!(err instanceof DataPassError)) return err;
  const p = err.problems[0];
  const loc = p?.location;
  if (p && loc && loc.line !== undefined && loc.byte === undefined) {
    const byte = await input.byteOfLine(loc.line).catch(() => undefined);
    if (byte !== undefined) loc.byte = byte;
  }
  return err;
}
