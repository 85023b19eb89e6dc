/**
 * @module adapters/sources/ndjson
 * NDJSON / JSON Lines: one JSON object per line. Lines are cut on `\n` (CRLF works: `\r` is JSON
 * whitespace), each parsed with `JSON.parse` and flattened (see `flatten.ts`). A line that does not parse or
 * is not an object is skipped with an `input.ndjson_bad_line` warning (line number); if no line at all is an
 * object, that is fatal (`input.json_syntax` at the first bad line). Blank lines are skipped.
 */
import { BaseReader, fatal } from './base.js';
import { type ByteInput, makeDecoder, textChunks } from './bytes.js';
import { DEFAULT_MAX_LINE_BYTES, withByteOffset } from './csv.js';
import { Flattener, isRowObject, jsonReason, quoteBigInts } from './flatten.js';
import type { RowBatch, SourceOptions } from './types.js';

class NdjsonReader extends BaseReader {
  readonly format = 'ndjson' as const;
  private readonly flat = new Flattener();
  private line = 1;
  private good = 0;
  private firstBad: { line: number; reason: string } | undefined;

  constructor(
    private readonly input: ByteInput,
    private readonly text: AsyncGenerator<string>,
    private readonly maxLen: number,
    maxWarnings: number | undefined,
  ) {
    super(input.name, maxWarnings);
    this.cols = this.flat.columns;
    if (input.totalBytes !== undefined) this.totalBytesKnown = input.totalBytes;
  }

  override columns(): string[] {
    return this.flat.columns.slice();
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    try {
      yield* this.parseAll();
    } catch (err) {
      throw await withByteOffset(this.input, err);
    }
  }

  private async *parseAll(): AsyncGenerator<RowBatch> {
    let pending = '';
    for await (const t of this.text) {
      if (pending.length > 0 && t.indexOf('\n') === -1) {
        pending += t;
        this.checkLen(pending);
        continue;
      }
      const s = pending.length > 0 ? pending + t : t;
      const last = s.lastIndexOf('\n');
      if (last === -1) {
        pending = s;
        this.checkLen(pending);
        continue;
      }
      pending = s.slice(last + 1);
      this.checkLen(pending);
      const batch = this.block(s, last);
      this.bytes = this.input.bytesRead;
      if (batch.length > 0) {
        this.rowCount += batch.length;
        yield batch;
      }
    }
    this.bytes = this.input.bytesRead;
    if (pending.length > 0) {
      const batch = this.block(pending, pending.length);
      if (batch.length > 0) {
        this.rowCount += batch.length;
        yield batch;
      }
    }
    if (this.good === 0 && this.firstBad) {
      fatal('input.json_syntax', { reason: this.firstBad.reason }, { file: this.input.file, line: this.firstBad.line });
    }
  }

  private checkLen(pending: string): void {
    if (pending.length > this.maxLen) {
      fatal('input.line_too_long', { limit: this.maxLen, detail: '' }, { file: this.input.file, line: this.line });
    }
  }

  /** Parses the lines of `s` up to `end` (exclusive). */
  private block(s: string, end: number): RowBatch {
    const out: RowBatch = [];
    const flat = this.flat;
    let pos = 0;
    let line = this.line;
    while (pos < end) {
      let nl = s.indexOf('\n', pos);
      if (nl === -1 || nl > end) nl = end;
      const text = s.slice(pos, nl);
      pos = nl + 1;
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch (err) {
        if (text.trim() !== '') this.bad(line, jsonReason(err));
        line++;
        continue;
      }
      if (isRowObject(v)) {
        let row = flat.flatten(v);
        if (flat.lossy) row = flat.flatten(JSON.parse(quoteBigInts(text)) as Record<string, unknown>);
        out.push(row);
        this.good++;
      } else this.bad(line, `a JSON ${Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v}, not an object`);
      line++;
    }
    this.line = line;
    return out;
  }

  private bad(line: number, reason: string): void {
    if (!this.firstBad) this.firstBad = { line, reason };
    this.warn('input.ndjson_bad_line', { reason }, { file: this.input.file, line });
  }

  protected async release(): Promise<void> {
    await this.text.return(undefined).catch(() => {});
    await this.input.close();
  }
}

export async function openNdjson(input: ByteInput, opts: SourceOptions): Promise<BaseReader> {
  const dec = await makeDecoder(input, opts, 'NDJSON');
  const reader = new NdjsonReader(
    input,
    textChunks(input, dec),
    opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    opts.maxWarnings,
  );
  reader.encoding = dec.encoding;
  return reader;
}
