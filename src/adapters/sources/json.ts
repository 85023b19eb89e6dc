/**
 * @module adapters/sources/json
 * A JSON file holding one array of objects. First version: the file is read whole (up to `maxJsonBytes`,
 * default 256 MiB, else `input.file_too_large`) and parsed with `JSON.parse`; rows are then flattened in
 * batches. A syntax error is fatal with line and byte offset; an element that is not an object is skipped
 * with an `input.json_bad_element` warning.
 */
import { DataPassError, type Location, problem } from '../../core/problems.js';
import { BATCH_ROWS, BaseReader, fatal } from './base.js';
import { type ByteInput, makeDecoder, textChunks } from './bytes.js';
import { Flattener, isRowObject, jsonErrorPosition, jsonReason, quoteBigInts } from './flatten.js';
import type { RowBatch, SourceOptions } from './types.js';

export const DEFAULT_MAX_JSON_BYTES = 256 * 1024 * 1024;

class JsonArrayReader extends BaseReader {
  readonly format = 'json' as const;
  private readonly flat = new Flattener();

  constructor(
    private readonly input: ByteInput,
    private items: unknown[],
    maxWarnings: number | undefined,
  ) {
    super(input.name, maxWarnings);
    this.totalRowsKnown = items.length;
    this.cols = this.flat.columns;
    this.bytes = input.bytesRead;
    if (input.totalBytes !== undefined) this.totalBytesKnown = input.totalBytes;
  }

  override columns(): string[] {
    return this.flat.columns.slice();
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    const items = this.items;
    let batch: RowBatch = [];
    for (let i = 0; i < items.length; i++) {
      const v = items[i];
      if (isRowObject(v)) batch.push(this.flat.flatten(v));
      else {
        const got = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
        this.warn('input.json_bad_element', { index: i, received: got }, { file: this.input.file, row: i + 1 });
      }
      if (batch.length >= BATCH_ROWS) {
        this.rowCount += batch.length;
        yield batch;
        batch = [];
      }
    }
    this.items = [];
    if (batch.length > 0) {
      this.rowCount += batch.length;
      yield batch;
    }
  }

  protected async release(): Promise<void> {
    this.items = [];
    await this.input.close();
  }
}

export async function openJsonArray(input: ByteInput, opts: SourceOptions): Promise<BaseReader> {
  const limit = opts.maxJsonBytes ?? DEFAULT_MAX_JSON_BYTES;
  const file = input.file;
  if (input.totalBytes !== undefined && input.totalBytes > limit) {
    fatal('input.file_too_large', { size: input.totalBytes, limit }, { file });
  }
  const dec = await makeDecoder(input, opts, 'JSON');
  const parts: string[] = [];
  for await (const t of textChunks(input, dec)) {
    parts.push(t);
    if (input.bytesRead > limit) fatal('input.file_too_large', { size: input.bytesRead, limit }, { file });
  }
  let text = parts.join('');
  parts.length = 0;
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') fatal('input.file_empty', {}, { file });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw syntaxError(text, err, file);
  }
  if (!Array.isArray(value)) {
    const got = value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    fatal('input.json_not_array', { received: got }, { file });
  }
  if (/\d{16}/.test(text) && hasUnsafeInteger(value)) value = JSON.parse(quoteBigInts(text)) as unknown[];
  const reader = new JsonArrayReader(input, value as unknown[], opts.maxWarnings);
  reader.encoding = dec.encoding;
  return reader;
}

function hasUnsafeInteger(v: unknown): boolean {
  if (typeof v === 'number') return Number.isInteger(v) && !Number.isSafeInteger(v);
  if (v === null || typeof v !== 'object') return false;
  if (Array.isArray(v)) return v.some(hasUnsafeInteger);
  for (const k in v as Record<string, unknown>) if (hasUnsafeInteger((v as Record<string, unknown>)[k])) return true;
  return false;
}

/** A located `input.json_syntax` problem: line, column and byte offset of the error when it can be found. */
function syntaxError(text: string, err: unknown, file: string): DataPassError {
  let pos = jsonErrorPosition(err);
  if (pos === undefined && /Unexpected end/.test(String((err as Error)?.message))) pos = text.length;
  if (pos === undefined && text.length <= 16 * 1024 * 1024) pos = findErrorPosition(text);
  const loc: Location = { file };
  if (pos !== undefined) {
    const before = text.slice(0, pos);
    let line = 1;
    let lastNl = -1;
    for (let i = before.indexOf('\n'); i !== -1; i = before.indexOf('\n', i + 1)) {
      line++;
      lastNl = i;
    }
    loc.line = line;
    loc.col = pos - lastNl;
    loc.byte = Buffer.byteLength(before, 'utf8');
  }
  return new DataPassError(problem('input.json_syntax', { reason: jsonReason(err) }, [], { location: loc }));
}

/**
 * Finds where JSON.parse fails when its message gives no position: the longest prefix whose only problem
 * is that it ends early is valid so far; the next character is the culprit. (Binary search; error path only.)
 */
function findErrorPosition(text: string): number | undefined {
  const endsEarly = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      const at = jsonErrorPosition(e);
      if (at !== undefined) return at >= n;
      return /Unexpected end|Unterminated string/.test(String((e as Error).message));
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (endsEarly(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo < text.length ? lo : undefined;
}
