/**
 * @module adapters/gateway/ndjson
 * The NDJSON record transform. The fast path scans each line's bytes once: it finds the top-level keys, checks
 * the JSON grammar (strings, escapes, numbers, literals), spots duplicate and `__proto__` keys, and copies the
 * byte spans of kept values verbatim; no `JSON.parse`, no objects per record. The scan itself finds where the
 * record's line ends (no newline search first), compares the predicted key and skips string content 16 bytes at
 * a time in WebAssembly (`wasm/ndjson-scan.ts`, via `ndjson-wasm.ts`), or 4 bytes at a time (SWAR) in `scan`
 * below, its TypeScript reference and fallback; see `process` and `scanAny`. Lines it cannot handle alone (a value
 * that is an object or array, an escaped key, a manifest with nested paths) go to the strict parser
 * (`json-strict.ts`) and the same operators, so both paths give the same bytes (differential test).
 * Output keys follow manifest order; absent keys stay absent.
 */
import { isUtf8 } from 'node:buffer';
import { textBytes } from '../../core/bytes.js';
import { blankText, type CompiledManifest, type PathNode, subjectKeyFault } from '../../core/enforce/compile.js';
import type { FieldRule } from '../../core/enforce/manifest.js';
import { type OperatorContext, type OutValue, operate, type ValueKind } from '../../core/enforce/operators.js';
import { ByteTable } from './byte-table.js';
import { type FastHmac, hex32Into } from './hmac.js';
import { type JNode, parseStrict, StrictJsonError } from './json-strict.js';
import {
  BAD_JSON,
  badJsonRejection,
  K_BOOL,
  K_NULL,
  K_NUMBER,
  K_STRING,
  NdjsonWasmScanner,
  SCAN_OK,
  SCAN_REJECT,
  SCAN_RESCAN,
} from './ndjson-wasm.js';
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
  L_SLOW,
  L_SUPPRESSED,
  LOOP_BUDGET,
  OP_DROP,
  OP_HASH,
  OP_KEEP,
  type OutBuf,
  opCode,
  type Scanner,
  startChunk,
  viewOf,
} from './types.js';
import { placeChunk } from './wasm.js';

const KIND_NAMES: ValueKind[] = ['null', 'string', 'number', 'boolean', 'null'];

/** Bytes that end a run of plain string content: `"`, `\\` and control characters. */
const STR_STOP = new Uint8Array(256);
for (let b = 0; b < 0x20; b++) STR_STOP[b] = 1;
STR_STOP[0x22] = 1;
STR_STOP[0x5c] = 1;

const FALLBACK = 1;
const REJECT = 2;
/** The record generation at which `seen` is cleared (far enough below 2^31 for any chunk's records). */
const GEN_LIMIT = 0x70000000;

export interface RecordTransformOptions {
  compiled: CompiledManifest;
  hmac: FastHmac;
  /** A fresh subject digest collector per chunk (keyed with the ledger's subject key). */
  subjects: () => SubjectDigests;
  ctx: OperatorContext;
  maxLineBytes: number;
  /** Output format: NDJSON (bytes copied) or CSV (values decoded). */
  output: 'ndjson' | 'csv';
  /** Sends every line through the strict parser (differential tests). */
  forceSlow?: boolean;
  /** The flat-record scanner: WebAssembly when built (the default), or the TypeScript reference. */
  scanner?: 'wasm' | 'js';
  /** The most memory the WebAssembly scanner may grow to (default 4 GiB; tests set less). */
  wasmMaxBytes?: number;
}

function encodeOut(v: OutValue): string {
  return v.kind === 'null' ? 'null' : v.kind === 'number' ? v.text : JSON.stringify(v.text);
}

export class NdjsonTransform {
  private readonly c: CompiledManifest;
  private readonly hmac: FastHmac;
  private readonly newSubjects: () => SubjectDigests;
  private readonly ctx: OperatorContext;
  private readonly maxLine: number;
  private readonly csv: boolean;
  /** True when every field, suppress and subject path is top-level. */
  private readonly flat: boolean;
  private readonly slotKey: Buffer[] = [];
  private readonly slotName: string[] = [];
  private readonly byLen: number[][] = [];
  private readonly slotOp: number[] = [];
  private readonly slotRule: (FieldRule | undefined)[] = [];
  private readonly slotPrefix: Buffer[] = [];
  private readonly outSlots: number[] = [];
  private readonly suppressSlots: number[] = [];
  private readonly subjectSlots: number[] = [];
  private vs: Int32Array;
  private ve: Int32Array;
  private kind: Uint8Array;
  private esc: Uint8Array;
  private seen: Int32Array;
  /** Position of the opening quote of each slot's key in the current line. */
  private kstart: Int32Array;
  private readonly nextSlot: Int32Array;
  /**
   * Per slot, the bytes `key":` as little-endian 32-bit words (`kpWords[kpOff[slot], kpOff[slot + 1])`, the last
   * one zero-padded), their length and the mask of the last word's bytes.
   */
  private readonly kpWords: Int32Array;
  private readonly kpOff: Int32Array;
  private readonly kpLen: Int32Array;
  private readonly kpMask: Int32Array;
  private gen = 0;
  private readonly unknown: number[] = [];
  /** Memo of `hash` results: value bytes → the 32-byte HMAC. */
  private readonly hashMemo = new ByteTable(32, 2_000_000);
  /** The subjects this transform has reported (each once). */
  private readonly subjectSet: TransformSubjects;
  private rejCode = '';
  private rejParams: Record<string, string | number> = {};
  /** A DataView of the chunk being processed (for `copySpan` and the 4-byte key compare). */
  private iv: DataView = viewOf(new Uint8Array(0));
  /** Where the last scan stopped (after the closing `}` and spaces), and the start of the next line. */
  private tail = 0;
  private next = 0;
  private readonly protoKey = Buffer.from('__proto__');
  /** The WebAssembly scanner (flat manifests, when built); undefined: `scan` below. */
  private readonly wasm: NdjsonWasmScanner | undefined;
  /** The current chunk sits in the WebAssembly scanner's memory. */
  private wasmChunk = false;
  /** The scanner runs the record loop for this manifest (`setUpLoop`). */
  private readonly loop: boolean;
  /** Output column paths for CSV output. */
  readonly columns: string[];

  constructor(opts: RecordTransformOptions) {
    this.c = opts.compiled;
    this.hmac = opts.hmac;
    this.newSubjects = opts.subjects;
    this.ctx = opts.ctx;
    this.maxLine = opts.maxLineBytes;
    this.csv = opts.output === 'csv';
    const c = this.c;
    this.columns = c.outputPaths;
    this.flat =
      opts.forceSlow !== true &&
      c.flat &&
      c.suppress.every((s) => s.segments.length === 1) &&
      c.subjectKeys.every((s) => s.length === 1);
    const slotOf = new Map<string, number>();
    const slot = (name: string): number => {
      let i = slotOf.get(name);
      if (i === undefined) {
        i = this.slotKey.length;
        slotOf.set(name, i);
        const key = Buffer.from(name, 'utf8');
        this.slotKey.push(key);
        this.slotName.push(name);
        (this.byLen[key.length] ??= []).push(i);
        this.slotOp.push(OP_DROP);
        this.slotRule.push(undefined);
        this.slotPrefix.push(Buffer.from(`,${JSON.stringify(name)}:`, 'utf8'));
      }
      return i;
    };
    if (this.flat) {
      for (const n of c.roots) {
        const i = slot(n.key);
        this.slotOp[i] = opCode(n.rule);
        this.slotRule[i] = n.rule;
        if (this.slotOp[i] !== OP_DROP) this.outSlots.push(i);
      }
      for (const s of c.suppress) this.suppressSlots.push(slot(s.segments[0] as string));
      for (const s of c.subjectKeys) this.subjectSlots.push(slot(s[0] as string));
    }
    const n = this.slotKey.length;
    this.vs = new Int32Array(n);
    this.ve = new Int32Array(n);
    this.kind = new Uint8Array(n);
    this.esc = new Uint8Array(n);
    this.seen = new Int32Array(n).fill(-1);
    this.kstart = new Int32Array(n);
    // nextSlot[0]: predicted first key; nextSlot[s + 1]: predicted key after slot s.
    this.nextSlot = new Int32Array(n + 1).fill(-1);
    this.kpOff = new Int32Array(n + 1);
    this.kpLen = new Int32Array(n);
    this.kpMask = new Int32Array(n);
    const words: number[] = [];
    for (let i = 0; i < n; i++) {
      const pat = Buffer.concat([this.slotKey[i] as Buffer, Buffer.from('":')]);
      this.kpOff[i] = words.length;
      this.kpLen[i] = pat.length;
      for (let k = 0; k < pat.length; k += 4) {
        let w = 0;
        for (let b = 0; b < 4 && k + b < pat.length; b++) w |= (pat[k + b] as number) << (8 * b);
        words.push(w);
      }
      const rest = pat.length % 4;
      this.kpMask[i] = rest === 0 ? -1 : (1 << (8 * rest)) - 1;
    }
    this.kpOff[n] = words.length;
    this.kpWords = Int32Array.from(words);
    this.wasm =
      this.flat && opts.scanner !== 'js'
        ? NdjsonWasmScanner.create(this.slotKey, 1 << 20, opts.wasmMaxBytes)
        : undefined;
    if (this.wasm) this.takeViews(this.wasm);
    this.loop = this.wasm !== undefined && this.setUpLoop(this.wasm);
    this.subjectSet = new TransformSubjects(
      this.hmac,
      this.hashMemo,
      this.subjectSlots,
      this.outSlots.filter((sl) => this.slotOp[sl] === OP_HASH),
      this.loop ? this.wasm?.loop : undefined,
    );
  }

  /**
   * Sets up the scanner's record loop when the manifest is one it runs: NDJSON out, every output field `keep` or
   * `hash` (a hashed key needing no JSON escapes: the loop writes it as the manifest names it), at most one
   * subject key, no suppress rule.
   */
  private setUpLoop(w: NdjsonWasmScanner): boolean {
    const c = this.c;
    if (this.csv || c.suppress.length > 0 || this.subjectSlots.length > 1) return false;
    const ops = this.outSlots.map((sl) => this.slotOp[sl] as number);
    if (ops.some((op) => op !== OP_KEEP && op !== OP_HASH)) return false;
    let extra = 3 + ops.length;
    for (let x = 0; x < ops.length; x++) {
      if (ops[x] !== OP_HASH) continue;
      const name = this.slotName[this.outSlots[x] as number] as string;
      if (JSON.stringify(name) !== `"${name}"`) return false;
      extra += (this.slotKey[this.outSlots[x] as number] as Buffer).length + 70;
    }
    w.initRun(this.outSlots, ops, this.subjectSlots[0] ?? -1, this.maxLine, extra);
    w.loop.setKeys(this.hmac, this.newSubjects());
    return true;
  }

  /** Which scanner reads flat records: 'wasm', 'js', or 'none' (every line goes to the strict parser). */
  get scanner(): Scanner {
    return this.wasm ? 'wasm' : this.flat ? 'js' : 'none';
  }

  /** The slot arrays live in the WebAssembly scanner's memory (re-taken when it grows). */
  private takeViews(w: NdjsonWasmScanner): void {
    this.kstart = w.kstart;
    this.vs = w.vs;
    this.ve = w.ve;
    this.seen = w.seen;
    this.kind = w.kind;
    this.esc = w.esc;
  }

  /** Transforms the complete lines in `buf[start, end)`. */
  process(buf: Buffer, start: number, end: number, reuse?: Buffer): ChunkResult {
    const outBytes = this.csv ? (end - start) * 1.2 : end - start + 4096;
    // The scanner reads the chunk from its own memory: from here on, `buf` is that memory (unless the chunk does
    // not fit: then the TypeScript scanner reads it where it is).
    const at = placeChunk(this.wasm, buf, start, end);
    if (this.wasm) this.takeViews(this.wasm);
    this.wasmChunk = at.inWasm;
    buf = at.buf;
    start = at.start;
    end = at.end;
    // `seen[slot] === gen` marks the keys of the current record; a generation is used per record, so start over
    // long before the 32-bit counter could wrap (after ~1.9 billion records).
    if (this.gen > GEN_LIMIT) {
      this.seen.fill(-1);
      this.gen = 0;
    }
    const c = startChunk(buf, start, end, outBytes, this.newSubjects(), reuse);
    this.iv = viewOf(buf);
    let p = start;
    if (this.loop && this.wasmChunk && c.utf8ok) {
      // The scanner's record loop takes the records it can; each other record is handled here, one line.
      const w = this.wasm as NdjsonWasmScanner;
      const call = (q: number) => {
        const st = w.run(q, end, this.gen);
        this.gen = w.loop.gen;
        return st;
      };
      p = w.loop.transform(p, end, c, call, (q) => this.lines(buf, q, end, c, 1));
    }
    while (p < end) p = this.lines(buf, p, end, c, LOOP_BUDGET);
    return chunkResult(c, this.wasmChunk ? 'wasm' : this.flat ? 'js' : 'none', this.subjectSet.repeats);
  }

  /** Transforms up to `budget` lines from `p` on; returns where it stopped. */
  private lines(buf: Buffer, from: number, end: number, c: ChunkState, budget: number): number {
    const { out, rejects, fresh, n } = c;
    let lines = n[L_LINES] as number;
    let left = budget;
    const utf8ok = c.utf8ok;
    // Optimistic scan: the scanner runs to the chunk end instead of a line end found first (no `indexOf` per
    // line) and the record must then end its line (`}`, spaces, `\r?\n` or the chunk end). It accepts no byte
    // that could end a line before that, so a record it accepts is exactly the line the strict order of checks
    // (blank line, length, UTF-8, grammar) would have passed; anything else is redone in that order.
    const optimistic = this.flat && utf8ok;
    let p = from;
    while (p < end && left-- > 0) {
      const s = p;
      let e: number;
      let st: number;
      if (optimistic && this.scanAny(buf, s, end) === 0 && (e = this.lineEnd(buf, end)) >= 0) {
        p = this.next;
        lines++;
        n[L_IN] = (n[L_IN] as number) + 1;
        if (e - s > this.maxLine) {
          rejects.push({ line: lines, code: 'gateway.record_too_long', params: { limit: this.maxLine } });
          continue;
        }
        st = 0;
      } else {
        let nl = buf.indexOf(0x0a, p);
        if (nl < 0 || nl >= end) nl = end;
        lines++;
        e = nl;
        if (e > p && buf[e - 1] === 0x0d) e--;
        p = nl + 1;
        // Blank lines are not records.
        let k = s;
        while (k < e && (buf[k] === 0x20 || buf[k] === 0x09)) k++;
        if (k === e) continue;
        n[L_IN] = (n[L_IN] as number) + 1;
        if (e - s > this.maxLine) {
          rejects.push({ line: lines, code: 'gateway.record_too_long', params: { limit: this.maxLine } });
          continue;
        }
        if (!utf8ok && !isUtf8(buf.subarray(s, e))) {
          rejects.push({ line: lines, code: 'gateway.record_invalid_utf8', params: {} });
          continue;
        }
        st = this.flat ? this.scanAny(buf, s, e) : FALLBACK;
        if (st === 0 && this.tail !== e) st = this.badJson(BAD_JSON.TRAILING, this.tail - s);
      }
      if (st === 0) {
        // Suppress, then subject key, then emit.
        let sup = false;
        const ss = this.suppressSlots;
        for (let i = 0; i < ss.length; i++) {
          const sl = ss[i] as number;
          const present = this.seen[sl] === this.gen;
          const kd = present ? (this.kind[sl] as number) : K_NULL;
          if (
            (this.c.suppress[i] as { test: (p: boolean, k: ValueKind, t: string) => boolean }).test(
              present,
              KIND_NAMES[kd] as ValueKind,
              present ? this.textOf(buf, sl) : '',
            )
          ) {
            sup = true;
            break;
          }
        }
        if (sup) {
          n[L_SUPPRESSED] = (n[L_SUPPRESSED] as number) + 1;
          continue;
        }
        if (!this.subjectFast(buf, fresh)) {
          rejects.push({ line: lines, code: this.rejCode, params: this.rejParams });
          continue;
        }
        if (this.csv) this.emitCsvFast(buf, out);
        else this.emitFast(buf, out);
        n[L_OUT] = (n[L_OUT] as number) + 1;
        continue;
      }
      if (st === FALLBACK) {
        n[L_SLOW] = (n[L_SLOW] as number) + 1;
        st = this.slowLine(buf.toString('utf8', s, e), out, fresh);
        if (st === 0) {
          n[L_OUT] = (n[L_OUT] as number) + 1;
          continue;
        }
        if (st === 3) {
          n[L_SUPPRESSED] = (n[L_SUPPRESSED] as number) + 1;
          continue;
        }
      }
      rejects.push({ line: lines, code: this.rejCode, params: this.rejParams });
    }
    n[L_LINES] = lines;
    return p;
  }

  private reject(code: string, params: Record<string, string | number> = {}): number {
    this.rejCode = code;
    this.rejParams = params;
    return REJECT;
  }

  /** A record that is not JSON: `code` (BAD_JSON) at byte offset `col`. */
  private badJson(code: number, col: number): number {
    const r = badJsonRejection(code, col);
    return this.reject(r.code, r.params);
  }

  /** `scan` by the WebAssembly scanner when there is one (same results: differential test). */
  private scanAny(buf: Buffer, s: number, e: number): number {
    const w = this.wasm;
    if (w === undefined || !this.wasmChunk) return this.scan(buf, s, e);
    const st = w.scan(s, e, ++this.gen);
    if (st === SCAN_RESCAN) return this.scan(buf, s, e);
    if (st === SCAN_OK) this.tail = w.tail;
    else if (st === SCAN_REJECT) {
      const r = w.rejection(this.slotName);
      this.rejCode = r.code;
      this.rejParams = r.params;
    }
    return st;
  }

  /** Finds the slot of the key bytes `buf[ks, ke)`, or -1. */
  private lookup(buf: Buffer, ks: number, ke: number): number {
    const cands = this.byLen[ke - ks];
    if (cands === undefined) return -1;
    for (let c = 0; c < cands.length; c++) {
      const sl = cands[c] as number;
      const key = this.slotKey[sl] as Buffer;
      let j = 0;
      const n = key.length;
      while (j < n && key[j] === buf[ks + j]) j++;
      if (j === n) return sl;
    }
    return -1;
  }

  /**
   * Scans the record at `buf[s]` up to its closing `}` and the spaces after it (`tail`, which the caller checks
   * against the line end); `e` is the line end, or the chunk end for an optimistic scan. Records the spans of
   * known keys. 0 = ok, FALLBACK, or REJECT.
   */
  private scan(buf: Buffer, s: number, e: number): number {
    const gen = ++this.gen;
    const seen = this.seen;
    let prev = 0;
    // Unknown keys' spans in `unknown[0, nu)` (truncating the array per record was a runtime call).
    let nu = 0;
    const iv = this.iv;
    const ivLen = iv.byteLength;
    const kpw = this.kpWords;
    const kpOff = this.kpOff;
    const kpLen = this.kpLen;
    const kpMask = this.kpMask;
    let i = s;
    while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
    if (buf[i] !== 0x7b) return this.badJson(BAD_JSON.EXPECTED_BRACE, i - s);
    i++;
    while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
    if (buf[i] === 0x7d) {
      i++;
    } else {
      for (;;) {
        if (buf[i] !== 0x22) return this.badJson(BAD_JSON.EXPECTED_KEY, i - s);
        const ks = i + 1;
        let j = ks;
        let sl = -1;
        let colon = false;
        // Records usually repeat the previous record's key order: try the predicted key first, spelled as
        // usual (`key":`), 4 bytes at a time: about a third of the scan time went to comparing keys byte by byte.
        const guess = this.nextSlot[prev] as number;
        if (guess >= 0) {
          let w = kpOff[guess] as number;
          const wl = (kpOff[guess + 1] as number) - 1;
          if (ks + (kpLen[guess] as number) <= e && ks + (wl - w + 1) * 4 <= ivLen) {
            let o = ks;
            while (w < wl && iv.getInt32(o, true) === kpw[w]) {
              w++;
              o += 4;
            }
            if (w === wl && (iv.getInt32(o, true) & (kpMask[guess] as number)) === kpw[w]) {
              sl = guess;
              j = ks + (kpLen[guess] as number) - 2;
              colon = true;
            }
          }
        }
        if (sl < 0) {
          // INVARIANT: buf[e] is `\n`, `\r` or past the end, all of which stop the loop (for an optimistic scan,
          // a stop byte past `e` or the buffer's end does; a key reaching past `e` is rejected, then rescanned).
          while (STR_STOP[buf[j] as number] === 0) j++;
          if (j >= e) return this.badJson(BAD_JSON.UNTERMINATED_KEY, j - s);
          if (buf[j] === 0x5c) return FALLBACK;
          if (buf[j] !== 0x22) return this.badJson(BAD_JSON.CONTROL_IN_KEY, j - s);
          sl = this.lookup(buf, ks, j);
          if (sl >= 0) this.nextSlot[prev] = sl;
        }
        const ke = j;
        i = j + 1;
        prev = sl >= 0 ? sl + 1 : 0;
        if (sl >= 0) {
          if (seen[sl] === gen)
            return this.reject('gateway.record_duplicate_key', { key: this.slotName[sl] as string });
          seen[sl] = gen;
        } else {
          if (ke - ks === 9 && buf.compare(this.protoKey, 0, 9, ks, ke) === 0)
            return this.reject('gateway.record_proto_key');
          // Unknown keys are dropped, but a duplicate is still an ambiguous record.
          const u = this.unknown;
          for (let x = 0; x < nu; x += 2) {
            const us = u[x] as number;
            const ue = u[x + 1] as number;
            if (ue - us === ke - ks && buf.compare(buf, us, ue, ks, ke) === 0)
              return this.reject('gateway.record_duplicate_key', { key: buf.toString('utf8', ks, ke) });
          }
          u[nu++] = ks;
          u[nu++] = ke;
        }
        if (colon) i++;
        else {
          while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
          if (buf[i] !== 0x3a) return this.badJson(BAD_JSON.EXPECTED_COLON, i - s);
          i++;
        }
        while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        const vs = i;
        const c = buf[i];
        let kd = 0;
        let esc = 0;
        if (c === 0x22) {
          j = i + 1;
          for (;;) {
            // SWAR: 4 bytes at a time while none is `"`, `\\` or below 0x20 (a byte below n gives
            // (x - n·0x01010101) & ~x a high bit; a zero byte after XOR is an equal byte). The lowest flagged byte
            // is exactly the first stop (false flags only sit above a true one). ~10% of the NDJSON kernel.
            let m = 0;
            while (j + 4 <= e) {
              const x = iv.getInt32(j, true);
              const y = x ^ 0x22222222;
              const z = x ^ 0x5c5c5c5c;
              m = (((x - 0x20202020) & ~x) | ((y - 0x01010101) & ~y) | ((z - 0x01010101) & ~z)) & 0x80808080;
              if (m !== 0) break;
              j += 4;
            }
            if (m !== 0) j += (31 - Math.clz32(m & -m)) >>> 3;
            else {
              // Most bytes of Chinese text are >= 0x80 and pass on the first comparison.
              let b0: number;
              while ((b0 = buf[j] as number) > 0x5c || (b0 > 0x22 && b0 < 0x5c) || b0 === 0x20 || b0 === 0x21) j++;
            }
            if (j >= e) return this.badJson(BAD_JSON.UNTERMINATED_STRING, j - s);
            const b = buf[j] as number;
            if (b === 0x22) break;
            if (b === 0x5c) {
              esc = 1;
              const x = buf[j + 1];
              if (x === 0x75) {
                for (let h = 2; h < 6; h++) {
                  const d = buf[j + h] as number;
                  if (!((d >= 0x30 && d <= 0x39) || (d >= 0x41 && d <= 0x46) || (d >= 0x61 && d <= 0x66)) || j + h >= e)
                    return this.badJson(BAD_JSON.BAD_U_ESCAPE, j - s);
                }
                j += 6;
              } else if (
                x === 0x22 ||
                x === 0x5c ||
                x === 0x2f ||
                x === 0x62 ||
                x === 0x66 ||
                x === 0x6e ||
                x === 0x72 ||
                x === 0x74
              ) {
                j += 2;
              } else return this.badJson(BAD_JSON.BAD_ESCAPE, j - s);
              continue;
            }
            return this.badJson(BAD_JSON.CONTROL_IN_STRING, j - s);
          }
          i = j + 1;
          kd = K_STRING;
        } else if (c === 0x2d || (c !== undefined && c >= 0x30 && c <= 0x39)) {
          j = i;
          if (buf[j] === 0x2d) j++;
          let d = buf[j] as number;
          if (d === 0x30) j++;
          else if (d >= 0x31 && d <= 0x39) {
            j++;
            while (j < e && (d = buf[j] as number) >= 0x30 && d <= 0x39) j++;
          } else return this.badJson(BAD_JSON.BAD_NUMBER, j - s);
          if (j < e && buf[j] === 0x2e) {
            j++;
            const f = j;
            while (j < e && (d = buf[j] as number) >= 0x30 && d <= 0x39) j++;
            if (j === f) return this.badJson(BAD_JSON.BAD_NUMBER, j - s);
          }
          if (j < e && (buf[j] === 0x65 || buf[j] === 0x45)) {
            j++;
            if (buf[j] === 0x2b || buf[j] === 0x2d) j++;
            const f = j;
            while (j < e && (d = buf[j] as number) >= 0x30 && d <= 0x39) j++;
            if (j === f) return this.badJson(BAD_JSON.BAD_NUMBER, j - s);
          }
          i = j;
          kd = K_NUMBER;
        } else if (c === 0x74) {
          if (i + 4 > e || buf[i + 1] !== 0x72 || buf[i + 2] !== 0x75 || buf[i + 3] !== 0x65)
            return this.badJson(BAD_JSON.BAD_LITERAL, i - s);
          i += 4;
          kd = K_BOOL;
        } else if (c === 0x66) {
          if (i + 5 > e || buf[i + 1] !== 0x61 || buf[i + 2] !== 0x6c || buf[i + 3] !== 0x73 || buf[i + 4] !== 0x65)
            return this.badJson(BAD_JSON.BAD_LITERAL, i - s);
          i += 5;
          kd = K_BOOL;
        } else if (c === 0x6e) {
          if (i + 4 > e || buf[i + 1] !== 0x75 || buf[i + 2] !== 0x6c || buf[i + 3] !== 0x6c)
            return this.badJson(BAD_JSON.BAD_LITERAL, i - s);
          i += 4;
          kd = K_NULL;
        } else if (c === 0x7b || c === 0x5b) {
          return FALLBACK;
        } else return this.badJson(i >= e ? BAD_JSON.UNEXPECTED_END : BAD_JSON.UNEXPECTED_CHAR, i - s);
        if (sl >= 0) {
          this.kstart[sl] = ks - 1;
          this.vs[sl] = vs;
          this.ve[sl] = i;
          this.kind[sl] = kd;
          this.esc[sl] = esc;
        }
        while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
        const t = buf[i];
        if (t === 0x2c) {
          i++;
          while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
          continue;
        }
        if (t === 0x7d) {
          i++;
          break;
        }
        return this.badJson(BAD_JSON.EXPECTED_COMMA, i - s);
      }
    }
    while (i < e && (buf[i] === 0x20 || buf[i] === 0x09)) i++;
    this.tail = i;
    return 0;
  }

  /**
   * After an optimistic scan: the end of the record's line (before `\r\n` or `\n`) when the record ends it,
   * with `next` set to the start of the next line; else -1.
   */
  private lineEnd(buf: Buffer, end: number): number {
    const t = this.tail;
    if (t === end) {
      this.next = end;
      return t;
    }
    const b = buf[t];
    if (b === 0x0a) {
      this.next = t + 1;
      return t;
    }
    if (b === 0x0d) {
      if (t + 1 === end) {
        this.next = end;
        return t;
      }
      if (buf[t + 1] === 0x0a) {
        this.next = t + 2;
        return t;
      }
    }
    return -1;
  }

  /** The text operators see for a present slot: a string's content, else the JSON text. */
  private textOf(buf: Buffer, sl: number): string {
    const vs = this.vs[sl] as number;
    const ve = this.ve[sl] as number;
    if (this.kind[sl] !== K_STRING) return buf.latin1Slice(vs, ve);
    if (this.esc[sl] === 0) return buf.utf8Slice(vs + 1, ve - 1);
    return JSON.parse(buf.toString('utf8', vs, ve)) as string;
  }

  /**
   * Records the subject of the current line in `fresh` when new; false (and a reject) when a key is missing, null,
   * empty or blank (no object or array gets here: the scan hands those lines to `slowLine`).
   */
  private subjectFast(buf: Buffer, fresh: SubjectDigests): boolean {
    const ss = this.subjectSlots;
    for (let i = 0; i < ss.length; i++) {
      const sl = ss[i] as number;
      const kd = this.kind[sl];
      if (
        this.seen[sl] !== this.gen ||
        kd === K_NULL ||
        (kd === K_STRING &&
          (this.esc[sl] === 0
            ? blankUtf8(buf, (this.vs[sl] as number) + 1, (this.ve[sl] as number) - 1)
            : blankText(this.textOf(buf, sl))))
      ) {
        this.reject('gateway.record_subject_key_missing', { path: this.slotName[sl] as string });
        return false;
      }
    }
    const sl = ss[0] as number;
    if (ss.length === 1 && this.esc[sl] === 0) {
      // The common case: one key, no escapes; its bytes are its text's UTF-8.
      const q = this.kind[sl] === K_STRING ? 1 : 0;
      const s = (this.vs[sl] as number) + q;
      const e = (this.ve[sl] as number) - q;
      this.subjectSet.note(buf, s, e, fresh);
      return true;
    }
    let text = '';
    for (let i = 0; i < ss.length; i++) text += (i > 0 ? '\u001f' : '') + this.textOf(buf, ss[i] as number);
    this.noteSubject(text, fresh);
    return true;
  }

  private noteSubject(text: string, fresh: SubjectDigests): void {
    const b = textBytes(text);
    this.subjectSet.note(b, 0, b.length, fresh);
  }

  /** Writes `"<hex>"` of the bytes `buf[s, e)` at `ob[pos]` (memoised); returns the new position. */
  private hashInto(buf: Buffer, s: number, e: number, ob: Buffer, pos: number): number {
    const memo = this.hashMemo;
    if (!memo.has(buf, s, e)) {
      memo.insert(buf, s, e);
      this.hmac.rawInto(buf, s, e, memo.bytes, memo.valueAt);
    }
    return hex32Into(memo.bytes, memo.valueAt, ob, pos);
  }

  private emitFast(buf: Buffer, out: OutBuf): void {
    const os = this.outSlots;
    const gen = this.gen;
    const seen = this.seen;
    let ob = out.ensure(4096);
    let pos = out.pos;
    ob[pos++] = 0x7b;
    let first = true;
    const n = os.length;
    for (let x = 0; x < n; x++) {
      const sl = os[x] as number;
      if (seen[sl] !== gen) continue;
      const op = this.slotOp[sl];
      if (op === OP_KEEP) {
        // Kept fields that sit next to each other in the input, in manifest order, are copied as one span
        // (`"a":1,"b":2`): the key bytes matched the manifest's exactly, so the copy equals what we would write.
        const from = this.kstart[sl] as number;
        let to = this.ve[sl] as number;
        while (x + 1 < n) {
          const nx = os[x + 1] as number;
          if (seen[nx] !== gen || this.slotOp[nx] !== OP_KEEP || this.kstart[nx] !== to + 1) break;
          to = this.ve[nx] as number;
          x++;
        }
        const len = to - from;
        if (pos + len + 2 > ob.length) {
          out.pos = pos;
          ob = out.ensure(len + 2);
        }
        if (!first) ob[pos++] = 0x2c;
        first = false;
        pos = copySpan(buf, this.iv, from, to, ob, out.view, pos);
        continue;
      }
      const vs = this.vs[sl] as number;
      const ve = this.ve[sl] as number;
      const pre = this.slotPrefix[sl] as Buffer;
      if (pos + pre.length + (ve - vs) + 80 > ob.length) {
        out.pos = pos;
        ob = out.ensure(pre.length + (ve - vs) + 80);
      }
      for (let j = first ? 1 : 0; j < pre.length; j++) ob[pos++] = pre[j] as number;
      first = false;
      const kd = this.kind[sl];
      if (op === OP_HASH && kd !== K_NULL && this.esc[sl] === 0) {
        ob[pos++] = 0x22;
        if (kd === K_STRING) {
          if (ve - vs > 2) pos = this.hashInto(buf, vs + 1, ve - 1, ob, pos);
        } else pos = this.hashInto(buf, vs, ve, ob, pos);
        ob[pos++] = 0x22;
      } else {
        const v =
          kd === K_NULL
            ? 'null'
            : encodeOut(
                operate(
                  this.slotRule[sl] as FieldRule,
                  KIND_NAMES[kd as number] as ValueKind,
                  this.textOf(buf, sl),
                  this.ctx,
                ),
              );
        out.pos = pos;
        out.writeString(v);
        ob = out.buf;
        pos = out.pos;
      }
    }
    if (pos + 2 > ob.length) {
      out.pos = pos;
      ob = out.ensure(2);
    }
    ob[pos++] = 0x7d;
    ob[pos++] = 0x0a;
    out.pos = pos;
  }

  private emitCsvFast(buf: Buffer, out: OutBuf): void {
    const os = this.outSlots;
    const cells: string[] = [];
    for (let x = 0; x < os.length; x++) {
      const sl = os[x] as number;
      if (this.seen[sl] !== this.gen || this.kind[sl] === K_NULL) {
        cells.push('');
        continue;
      }
      const kd = KIND_NAMES[this.kind[sl] as number] as ValueKind;
      const text = this.textOf(buf, sl);
      const op = this.slotOp[sl];
      if (op === OP_KEEP) cells.push(csvCell(text));
      else {
        const v = operate(this.slotRule[sl] as FieldRule, kd, text, this.ctx);
        cells.push(v.kind === 'null' ? '' : csvCell(v.text));
      }
    }
    out.writeString(`${cells.join(',')}\n`);
  }

  /** The strict path: 0 = emitted, 3 = suppressed, REJECT. */
  private slowLine(text: string, out: OutBuf, fresh: SubjectDigests): number {
    let root: JNode & { k: 'object' };
    try {
      root = parseStrict(text);
    } catch (err) {
      if (err instanceof StrictJsonError) {
        if (err.code === 'proto_key') return this.reject('gateway.record_proto_key');
        if (err.code === 'duplicate_key') return this.reject('gateway.record_duplicate_key', { key: err.key ?? '' });
        return this.reject('gateway.record_bad_json', { reason: err.message });
      }
      throw err;
    }
    const find = (segs: readonly string[]): JNode | undefined => {
      let cur: JNode | undefined = root;
      for (const sg of segs) {
        if (cur?.k !== 'object') return undefined;
        cur = cur.o.get(sg);
      }
      return cur;
    };
    const nodeText = (n: JNode): string => (n.k === 'string' ? n.v : text.slice(n.s, n.e));
    for (const s of this.c.suppress) {
      const n = find(s.segments);
      if (s.test(n !== undefined, n ? n.k : 'null', n ? nodeText(n) : '')) return 3;
    }
    const parts: string[] = [];
    for (const segs of this.c.subjectKeys) {
      const n = find(segs);
      const fault = subjectKeyFault(n?.k, n?.k === 'string' ? n.v : '');
      if (fault !== undefined) return this.reject(fault, { path: segs.join('.') });
      parts.push(nodeText(n as JNode));
    }
    this.noteSubject(parts.join('\u001f'), fresh);
    if (this.csv) {
      const cells = this.columns.map((path) => {
        const n = find(path.split('.'));
        if (!n || n.k === 'null') return '';
        const rule = this.ruleFor(path);
        if (rule.operator === 'keep') return csvCell(nodeText(n));
        const v = operate(rule, n.k, nodeText(n), this.ctx);
        return v.kind === 'null' ? '' : csvCell(v.text);
      });
      out.writeString(`${cells.join(',')}\n`);
      return 0;
    }
    const emit = (nodes: PathNode[], obj: Map<string, JNode>): string | undefined => {
      const items: string[] = [];
      for (const pn of nodes) {
        const child = obj.get(pn.key);
        if (!child) continue;
        if (pn.rule) {
          if (pn.rule.operator === 'drop') continue;
          const v =
            pn.rule.operator === 'keep'
              ? text.slice(child.s, child.e)
              : encodeOut(operate(pn.rule, child.k, nodeText(child), this.ctx));
          items.push(`${JSON.stringify(pn.key)}:${v}`);
        } else if (child.k === 'object') {
          const sub = emit(pn.children, child.o);
          if (sub !== undefined) items.push(`${JSON.stringify(pn.key)}:${sub}`);
        }
      }
      return items.length > 0 ? `{${items.join(',')}}` : undefined;
    };
    out.writeString(`${emit(this.c.roots, root.o) ?? '{}'}\n`);
    return 0;
  }

  private ruleFor(path: string): FieldRule {
    return this.c.manifest.fields.find((f) => f.path === path) as FieldRule;
  }
}
