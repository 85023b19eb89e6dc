/**
 * @module adapters/gateway/csv
 * The CSV record transform: a byte-level scanner finds each record's field spans (RFC 4180 quoting, `""`
 * escapes, quoted newlines, CRLF), kept cells are copied verbatim (runs of adjacent kept columns in one copy), and
 * operator cells are decoded, transformed and re-quoted. Output columns follow manifest order; a manifest field
 * missing from the header is simply absent. Empty cells count as null; a subject cell that is empty or only
 * whitespace names no one (the record is rejected).
 * The scanner is WebAssembly (`wasm/csv-scan.ts`: 16 bytes at a time) when built, for a one-byte delimiter and
 * up to `MAX_COLS - 1` columns; else the TypeScript loop in `records` (unquoted cells 4 bytes at a time), which
 * is the reference: both give the same bytes (differential test).
 */
import { isUtf8 } from 'node:buffer';
import type { CompiledManifest } from '../../core/enforce/compile.js';
import type { FieldRule } from '../../core/enforce/manifest.js';
import { type OperatorContext, operate } from '../../core/enforce/operators.js';
import { ByteTable } from './byte-table.js';
import { CsvWasmScanner, csvRejection, R_COL, R_NL, R_REASON, TEXT_AFTER_QUOTE, UNCLOSED_QUOTE } from './csv-wasm.js';
import { type FastHmac, hex32Into } from './hmac.js';
import { blankUtf8, type SubjectDigests, TransformSubjects } from './subjects.js';
import {
  type ChunkResult,
  type ChunkState,
  chunkResult,
  copySpan,
  csvCell,
  L_IN,
  L_LINES,
  L_OUT,
  L_SUPPRESSED,
  LOOP_BUDGET,
  OP_HASH,
  OP_KEEP,
  type OutBuf,
  opCode,
  startChunk,
  viewOf,
} from './types.js';
import { placeChunk } from './wasm.js';

export interface CsvTransformOptions {
  compiled: CompiledManifest;
  header: string[];
  delimiter: number;
  hmac: FastHmac;
  /** A fresh subject digest collector per chunk (keyed with the ledger's subject key). */
  subjects: () => SubjectDigests;
  ctx: OperatorContext;
  maxLineBytes: number;
  output: 'csv' | 'ndjson';
  /** The record scanner: WebAssembly when built (the default), or the TypeScript reference. */
  scanner?: 'wasm' | 'js';
  /** The most memory the WebAssembly scanner may grow to (default 4 GiB; tests set less). */
  wasmMaxBytes?: number;
}

/** Splits one CSV record (text) into decoded cells; for headers. */
export function parseCsvRecord(text: string, delim = ','): string[] {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  while (true) {
    if (text[i] === '"') {
      let v = '';
      let j = i + 1;
      while (j < n) {
        const q = text.indexOf('"', j);
        if (q < 0) {
          v += text.slice(j);
          j = n;
          break;
        }
        v += text.slice(j, q);
        if (text[q + 1] === '"') {
          v += '"';
          j = q + 2;
        } else {
          j = q + 1;
          break;
        }
      }
      while (j < n && text[j] !== delim) v += text[j++];
      cells.push(v);
      i = j;
    } else {
      let j = text.indexOf(delim, i);
      if (j < 0) j = n;
      cells.push(text.slice(i, j));
      i = j;
    }
    if (i >= n) break;
    i++;
  }
  return cells;
}

export class CsvTransform {
  private readonly c: CompiledManifest;
  private readonly hmac: FastHmac;
  private readonly newSubjects: () => SubjectDigests;
  private readonly ctx: OperatorContext;
  private readonly maxLine: number;
  private readonly delim: number;
  private readonly toNdjson: boolean;
  private readonly ncols: number;
  private readonly colOp: Uint8Array;
  private readonly colRule: (FieldRule | undefined)[];
  /** Input column index of each output column, in manifest order. */
  private readonly outCols: number[];
  private readonly outKeys: string[];
  private readonly suppressCols: number[];
  private readonly subjectCols: number[];
  /** The current record's cell starts, ends and quoting (in the WebAssembly scanner's memory when it has one). */
  private cs: Int32Array;
  private ce: Int32Array;
  private cq: Uint8Array;
  /** The WebAssembly scanner (when built and the header fits it); undefined: the loop in `records`. */
  private readonly wasm: CsvWasmScanner | undefined;
  /** The current chunk sits in the WebAssembly scanner's memory. */
  private wasmChunk = false;
  private readonly runFirst: Int32Array;
  private readonly runLast: Int32Array;
  /** The scanner runs the record loop for this manifest (`setUpLoop`). */
  private readonly loop: boolean;
  /** Output header line (without newline) for CSV output. */
  readonly headerLine: string;
  readonly columns: string[];
  /** Memo of `hash` results: value bytes → the 32-byte HMAC. */
  private readonly hashMemo = new ByteTable(32, 2_000_000);
  /** The subjects this transform has reported (each once). */
  private readonly subjectSet: TransformSubjects;
  private rejCode = '';
  private rejParams: Record<string, string | number> = {};
  /** A DataView of the chunk being processed (for `copySpan`). */
  private iv: DataView = viewOf(new Uint8Array(0));

  constructor(opts: CsvTransformOptions) {
    this.c = opts.compiled;
    this.hmac = opts.hmac;
    this.newSubjects = opts.subjects;
    this.ctx = opts.ctx;
    this.maxLine = opts.maxLineBytes;
    // A delimiter that is no character code (an empty string's) would let the scan stall on a NUL byte.
    if (!Number.isInteger(opts.delimiter) || opts.delimiter < 0) throw new Error('CSV delimiter: no character');
    this.delim = opts.delimiter;
    this.toNdjson = opts.output === 'ndjson';
    const header = opts.header;
    this.ncols = header.length;
    const colOf = new Map(header.map((h, i) => [h, i]));
    this.colOp = new Uint8Array(this.ncols);
    this.colRule = new Array(this.ncols).fill(undefined);
    this.outCols = [];
    this.outKeys = [];
    for (const f of this.c.manifest.fields) {
      const i = colOf.get(f.path);
      if (i === undefined) continue;
      this.colRule[i] = f;
      this.colOp[i] = opCode(f);
      if (f.operator !== 'drop') {
        this.outCols.push(i);
        this.outKeys.push(f.path);
      }
    }
    this.columns = this.outKeys;
    this.headerLine = this.outKeys
      .map((k) => csvCell(k, String.fromCharCode(this.delim)))
      .join(String.fromCharCode(this.delim));
    this.suppressCols = this.c.suppress.map((s) => colOf.get(s.segments.join('.')) ?? -1);
    this.subjectCols = this.c.subjectKeys.map((s) => colOf.get(s.join('.')) ?? -1);
    this.cs = new Int32Array(this.ncols + 1);
    this.ce = new Int32Array(this.ncols + 1);
    this.cq = new Uint8Array(this.ncols + 1);
    this.wasm =
      opts.scanner !== 'js' ? CsvWasmScanner.create(this.delim, this.ncols + 1, 1 << 20, opts.wasmMaxBytes) : undefined;
    if (this.wasm) this.takeViews(this.wasm);
    // Output runs: adjacent kept columns (in both the header and the manifest) form one run, copied as one span
    // with their delimiters; every other output column is a run of its own. Fixed per header, so found once.
    const first: number[] = [];
    const last: number[] = [];
    for (let x = 0; x < this.outCols.length; x++) {
      const col = this.outCols[x] as number;
      const r = first.length - 1;
      if (
        r >= 0 &&
        this.colOp[col] === OP_KEEP &&
        this.colOp[first[r] as number] === OP_KEEP &&
        col === (last[r] as number) + 1
      )
        last[r] = col;
      else {
        first.push(col);
        last.push(col);
      }
    }
    this.runFirst = Int32Array.from(first);
    this.runLast = Int32Array.from(last);
    this.loop = this.wasm !== undefined && this.setUpLoop(this.wasm);
    this.subjectSet = new TransformSubjects(
      this.hmac,
      this.hashMemo,
      this.subjectCols,
      this.outCols.filter((col) => this.colOp[col] === OP_HASH),
      this.loop ? this.wasm?.loop : undefined,
    );
  }

  /**
   * Sets up the scanner's record loop when the manifest is one it runs: CSV out, every output column `keep` or
   * `hash`, at most one subject column (in the header), no suppress rule.
   */
  private setUpLoop(w: CsvWasmScanner): boolean {
    const sc = this.subjectCols;
    if (this.toNdjson || this.c.suppress.length > 0 || sc.length > 1 || (sc[0] ?? 0) < 0) return false;
    const ops = Array.from(this.runFirst, (col) => this.colOp[col] as number);
    if (ops.some((op) => op !== OP_KEEP && op !== OP_HASH)) return false;
    w.initRun(this.ncols, this.runFirst, this.runLast, ops, sc[0] ?? -1, this.maxLine);
    w.loop.setKeys(this.hmac, this.newSubjects());
    return true;
  }

  /** Which scanner splits records: 'wasm' or 'js'. */
  get scanner(): 'wasm' | 'js' {
    return this.wasm ? 'wasm' : 'js';
  }

  /** The cell arrays live in the WebAssembly scanner's memory (re-taken when it grows). */
  private takeViews(w: CsvWasmScanner): void {
    this.cs = w.cs;
    this.ce = w.ce;
    this.cq = w.cq;
  }

  /** A malformed record, as both scanners say it (`csvRejection`). */
  private rejectCsv(reason: number): void {
    const r = csvRejection(reason);
    this.reject(r.code, r.params);
  }

  private reject(code: string, params: Record<string, string | number> = {}): false {
    this.rejCode = code;
    this.rejParams = params;
    return false;
  }

  /** Decoded text of a cell. */
  private text(buf: Buffer, col: number): string {
    const s = this.cs[col] as number;
    const e = this.ce[col] as number;
    if (this.cq[col] === 0) return buf.utf8Slice(s, e);
    const inner = buf.utf8Slice(s + 1, e - 1);
    return this.cq[col] === 2 ? inner.replace(/""/g, '"') : inner;
  }

  private empty(col: number): boolean {
    const len = (this.ce[col] as number) - (this.cs[col] as number);
    return this.cq[col] === 0 ? len === 0 : len === 2;
  }

  /** The cell's text is empty or only whitespace (a `""` inside is a quote: the span between the quotes will do). */
  private blank(buf: Buffer, col: number): boolean {
    const q = this.cq[col] === 0 ? 0 : 1;
    return blankUtf8(buf, (this.cs[col] as number) + q, (this.ce[col] as number) - q);
  }

  process(buf: Buffer, start: number, end: number, reuse?: Buffer): ChunkResult {
    const outBytes = end - start + 4096;
    // The scanner reads the chunk from its own memory: from here on, `buf` is that memory (unless the chunk does
    // not fit: then the TypeScript loop reads it where it is).
    const at = placeChunk(this.wasm, buf, start, end);
    if (this.wasm) this.takeViews(this.wasm);
    this.wasmChunk = at.inWasm;
    buf = at.buf;
    start = at.start;
    end = at.end;
    const c = startChunk(buf, start, end, outBytes, this.newSubjects(), reuse);
    this.iv = viewOf(buf);
    let p = start;
    if (this.loop && this.wasmChunk && c.utf8ok) {
      // The scanner's record loop takes the records it can; each other record is handled here, one record.
      const w = this.wasm as CsvWasmScanner;
      p = w.loop.transform(
        p,
        end,
        c,
        (q) => w.run(q, end),
        (q) => this.records(buf, q, end, c, 1),
      );
    }
    while (p < end) p = this.records(buf, p, end, c, LOOP_BUDGET);
    return chunkResult(c, this.wasmChunk ? 'wasm' : 'js', this.subjectSet.repeats);
  }

  /** Transforms up to `budget` records from `from` on; returns where it stopped. */
  private records(buf: Buffer, from: number, end: number, c: ChunkState, budget: number): number {
    const { out, rejects, fresh, n } = c;
    let lines = n[L_LINES] as number;
    let left = budget;
    const utf8ok = c.utf8ok;
    const d = this.delim;
    const cs = this.cs;
    const ce = this.ce;
    const cq = this.cq;
    const cap = this.ncols + 1;
    const iv = this.iv;
    // The delimiter in each byte of a word, for the SWAR test below (a delimiter that is no byte never matches:
    // test for `\n` twice).
    const dd = d > 0xff ? 0x0a0a0a0a : Math.imul(d, 0x01010101);
    const w = this.wasmChunk ? this.wasm : undefined;
    const res = w?.res;
    let p = from;
    while (p < end && left-- > 0) {
      const rowStart = p;
      const rowLine = lines + 1;
      let col = 0;
      let i = p;
      let bad = false;
      /** The record's last cell is a quote that never closes (it runs to the end of the chunk). */
      let unclosed = false;
      let nlInside = 0;
      if (w !== undefined && res !== undefined) {
        // The same record, scanned by the WebAssembly scanner (the stop byte after the chunk is no quote).
        i = w.record(p, end);
        col = res[R_COL] as number;
        nlInside = res[R_NL] as number;
        if (res[R_REASON] !== 0) {
          bad = true;
          unclosed = res[R_REASON] === UNCLOSED_QUOTE;
          this.rejectCsv(res[R_REASON] as number);
        }
      } else {
        // One record.
        for (;;) {
          let fe: number;
          let q = 0;
          const fs = i;
          if (i < end && buf[i] === 0x22) {
            let j = i + 1;
            q = 1;
            let closed = false;
            for (;;) {
              let b: number;
              while (j < end && (b = buf[j] as number) !== 0x22) {
                if (b === 0x0a) nlInside++;
                j++;
              }
              if (j >= end) break;
              if (j + 1 < end && buf[j + 1] === 0x22) {
                q = 2;
                j += 2;
                continue;
              }
              closed = true;
              break;
            }
            if (!closed) {
              // The quote runs to the end of the chunk (chunks are cut outside quotes: this is the input's end).
              bad = true;
              unclosed = true;
              this.rejectCsv(UNCLOSED_QUOTE);
              i = end;
              break;
            }
            fe = j + 1;
            i = fe;
            // Anything between the closing quote and the delimiter is malformed: kept in the span, row flagged.
            while (i < end && buf[i] !== d && buf[i] !== 0x0a && buf[i] !== 0x0d) i++;
            if (i !== fe) {
              bad = true;
              this.rejectCsv(TEXT_AFTER_QUOTE);
            }
          } else {
            // SWAR: 4 bytes at a time while none is the delimiter or `\n` (a zero byte after XOR is an equal
            // byte); the lowest flagged byte is exactly the first stop (false flags only sit above a true one).
            // Most cells are Chinese text or digit runs: ~40% less time than byte by byte.
            let m = 0;
            while (i + 4 <= end) {
              const x = iv.getInt32(i, true);
              const y = x ^ dd;
              const z = x ^ 0x0a0a0a0a;
              m = (((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z)) & 0x80808080;
              if (m !== 0) break;
              i += 4;
            }
            if (m !== 0) i += (31 - Math.clz32(m & -m)) >>> 3;
            else {
              let b: number;
              while (i < end && (b = buf[i] as number) !== d && b !== 0x0a) i++;
            }
            fe = i;
            if (fe > fs && buf[fe - 1] === 0x0d && (i >= end || buf[i] === 0x0a)) fe--;
          }
          if (col < cap) {
            cs[col] = fs;
            ce[col] = fe;
            cq[col] = q;
          }
          col++;
          if (i < end && buf[i] === d) {
            i++;
            continue;
          }
          // End of record: skip `\r` and `\n`.
          if (i < end && buf[i] === 0x0d) i++;
          if (i < end && buf[i] === 0x0a) i++;
          break;
        }
      }
      p = i;
      // An unclosed quote runs to the chunk's end: a newline ending the chunk ends the record, it is not in it.
      if (unclosed && buf[end - 1] === 0x0a) nlInside--;
      lines += 1 + nlInside;
      // A blank line is not a record.
      if (!bad && col === 1 && ce[0] === cs[0] && cq[0] === 0) continue;
      n[L_IN] = (n[L_IN] as number) + 1;
      if (bad) {
        rejects.push({ line: rowLine, code: this.rejCode, params: this.rejParams });
        continue;
      }
      if (p - rowStart > this.maxLine) {
        rejects.push({ line: rowLine, code: 'gateway.record_too_long', params: { limit: this.maxLine } });
        continue;
      }
      if (!utf8ok && !isUtf8(buf.subarray(rowStart, p))) {
        rejects.push({ line: rowLine, code: 'gateway.record_invalid_utf8', params: {} });
        continue;
      }
      if (col !== this.ncols) {
        rejects.push({ line: rowLine, code: 'gateway.record_ragged', params: { found: col, expected: this.ncols } });
        continue;
      }
      let sup = false;
      for (let k = 0; k < this.suppressCols.length; k++) {
        const sc = this.suppressCols[k] as number;
        const present = sc >= 0 && !this.empty(sc);
        if (this.c.suppress[k]?.test(sc >= 0, present ? 'string' : 'null', present ? this.text(buf, sc) : '')) {
          sup = true;
          break;
        }
      }
      if (sup) {
        n[L_SUPPRESSED] = (n[L_SUPPRESSED] as number) + 1;
        continue;
      }
      let missing = -1;
      for (let k = 0; k < this.subjectCols.length; k++) {
        const sc = this.subjectCols[k] as number;
        if (sc < 0 || this.blank(buf, sc)) {
          missing = k;
          break;
        }
      }
      if (missing >= 0) {
        rejects.push({
          line: rowLine,
          code: 'gateway.record_subject_key_missing',
          params: { path: (this.c.subjectKeys[missing] as string[]).join('.') },
        });
        continue;
      }
      this.noteSubject(buf, fresh);
      if (this.toNdjson) this.emitNdjson(buf, out);
      else this.emitCsv(buf, out);
      n[L_OUT] = (n[L_OUT] as number) + 1;
    }
    n[L_LINES] = lines;
    return p;
  }

  private noteSubject(buf: Buffer, fresh: SubjectDigests): void {
    const sc = this.subjectCols;
    const c0 = sc[0] as number;
    if (sc.length === 1 && this.cq[c0] !== 2) {
      const q = this.cq[c0] as number;
      const s = (this.cs[c0] as number) + q;
      const e = (this.ce[c0] as number) - q;
      this.subjectSet.note(buf, s, e, fresh);
      return;
    }
    const b = Buffer.from(sc.map((c) => this.text(buf, c)).join('\u001f'), 'utf8');
    this.subjectSet.note(b, 0, b.length, fresh);
  }

  private emitCsv(buf: Buffer, out: OutBuf): void {
    const rf = this.runFirst;
    const n = rf.length;
    let ob = out.ensure(4096);
    let pos = out.pos;
    for (let x = 0; x < n; x++) {
      const col = rf[x] as number;
      const op = this.colOp[col];
      if (pos + 1 > ob.length) {
        out.pos = pos;
        ob = out.ensure(80);
      }
      if (x > 0) ob[pos++] = this.delim;
      if (op === OP_KEEP) {
        // A run of adjacent kept columns, copied with their delimiters as one span.
        const from = this.cs[col] as number;
        const to = this.ce[this.runLast[x] as number] as number;
        const len = to - from;
        if (pos + len + 80 > ob.length) {
          out.pos = pos;
          ob = out.ensure(len + 80);
        }
        pos = copySpan(buf, this.iv, from, to, ob, out.view, pos);
        continue;
      }
      if (this.empty(col)) continue;
      if (op === OP_HASH && this.cq[col] !== 2) {
        if (pos + 80 > ob.length) {
          out.pos = pos;
          ob = out.ensure(80);
        }
        const q = this.cq[col] as number;
        const s = (this.cs[col] as number) + q;
        const e = (this.ce[col] as number) - q;
        const memo = this.hashMemo;
        if (!memo.has(buf, s, e)) {
          memo.insert(buf, s, e);
          this.hmac.rawInto(buf, s, e, memo.bytes, memo.valueAt);
        }
        pos = hex32Into(memo.bytes, memo.valueAt, ob, pos);
        continue;
      }
      const v = operate(this.colRule[col] as FieldRule, 'string', this.text(buf, col), this.ctx);
      if (v.kind === 'null') continue;
      out.pos = pos;
      out.writeString(csvCell(v.text, String.fromCharCode(this.delim)));
      ob = out.buf;
      pos = out.pos;
    }
    if (pos + 1 > ob.length) {
      out.pos = pos;
      ob = out.ensure(1);
    }
    ob[pos++] = 0x0a;
    out.pos = pos;
  }

  private emitNdjson(buf: Buffer, out: OutBuf): void {
    const items: string[] = [];
    for (let x = 0; x < this.outCols.length; x++) {
      const col = this.outCols[x] as number;
      if (this.empty(col)) continue;
      const rule = this.colRule[col] as FieldRule;
      const text = this.text(buf, col);
      const v =
        rule.operator === 'keep'
          ? JSON.stringify(text)
          : (() => {
              const o = operate(rule, 'string', text, this.ctx);
              return o.kind === 'null' ? 'null' : o.kind === 'number' ? o.text : JSON.stringify(o.text);
            })();
      items.push(`${JSON.stringify(this.outKeys[x])}:${v}`);
    }
    out.writeString(`{${items.join(',')}}\n`);
  }
}
