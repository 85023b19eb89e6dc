/**
 * @module adapters/gateway/ndjson-wasm
 * The host side of the WebAssembly NDJSON scanner (`wasm/ndjson-scan.ts`): it writes the manifest's keys into
 * the scanner's tables, copies each chunk into its memory and reads back what a scan found. The scan does what
 * `NdjsonTransform.scan` does (same spans, same verdicts, same reasons), with string content skipped and keys
 * compared 16 bytes at a time; on the bench's repair orders the record transform runs ~35 % faster with it.
 * The memory layout below mirrors the constants at the top of `wasm/ndjson-scan.ts`.
 */
import { LOOP_EXPORTS, LOOP_INPUT, loopMemoryFor, WasmLoop } from './loop-wasm.js';
import { type ModuleContract, type ScanRejection, scannerOrNone, WASM_INPUT, WasmScanner, wasmModule } from './wasm.js';

/** The module this host needs: its functions and the version of the layout below (`layout()` in the module). */
const CONTRACT: ModuleContract = { exports: ['init', 'scan', ...LOOP_EXPORTS], layout: 5 };

const R_TAIL = 0;
const R_REASON = 1;
const R_POS = 2;
const R_A = 3;
const R_A2 = 4;
const R_B = 5;
const PROTO = 32;
const PAT_OFF = 1024;
const PAT_LEN = 2048;
const NEXT = 3072;
const KSTART = 5120;
const VS = 6144;
const VE = 7168;
const SEEN = 8192;
const KIND = 9216;
const ESC = 9472;
const PAT = 16384;
// The record loop's tables (byte offsets; see wasm/ndjson-scan.ts and loop-wasm.ts).
const OUT_SLOTS = 9728;
const OUT_OPS = 10752;
/** The pattern area ends 16 bytes before the input (a vector load past a pattern's end stays in the header). */
const PAT_END = WASM_INPUT - 16;
const MAX_SLOTS = 256;

export const SCAN_OK = 0;
export const SCAN_FALLBACK = 1;
export const SCAN_REJECT = 2;
/** A record with more unknown keys than the scanner's table holds: scan it with the TypeScript scanner. */
export const SCAN_RESCAN = 3;

/** Value kinds as both NDJSON scanners record them per key (`kind`; the numbers of `wasm/ndjson-scan.ts`). */
export const K_STRING = 1;
export const K_NUMBER = 2;
export const K_BOOL = 3;
export const K_NULL = 4;

/**
 * Why a record is not JSON, as both NDJSON scanners say it: codes (those of `wasm/ndjson-scan.ts`; `TRAILING` only
 * the TypeScript scanner's line-first path finds) and their words (`BAD_JSON_WORDS`).
 */
export const BAD_JSON = {
  EXPECTED_BRACE: 1,
  EXPECTED_KEY: 2,
  UNTERMINATED_KEY: 3,
  CONTROL_IN_KEY: 4,
  EXPECTED_COLON: 5,
  UNTERMINATED_STRING: 6,
  BAD_U_ESCAPE: 7,
  BAD_ESCAPE: 8,
  CONTROL_IN_STRING: 9,
  BAD_NUMBER: 10,
  BAD_LITERAL: 11,
  UNEXPECTED_END: 12,
  UNEXPECTED_CHAR: 13,
  EXPECTED_COMMA: 14,
  TRAILING: 17,
} as const;
const BAD_JSON_WORDS: Record<number, string> = {
  1: 'expected `{`',
  2: 'expected a key',
  3: 'unterminated key',
  4: 'control character in key',
  5: 'expected `:`',
  6: 'unterminated string',
  7: 'bad \\u escape',
  8: 'bad escape',
  9: 'control character in string',
  10: 'bad number',
  11: 'bad literal',
  12: 'unexpected end of line',
  13: 'unexpected character',
  14: 'expected `,` or `}`',
  17: 'trailing characters',
};
const DUPLICATE_KEY = 15;
const PROTO_KEY = 16;

/** The reject for a record that is not JSON: `code` (BAD_JSON) found at byte offset `col` of the record. */
export function badJsonRejection(code: number, col: number): ScanRejection {
  return {
    code: 'gateway.record_bad_json',
    params: { reason: `${BAD_JSON_WORDS[code] ?? 'invalid JSON'} at byte ${col + 1}` },
  };
}

export class NdjsonWasmScanner extends WasmScanner {
  private readonly scanFn: (s: number, e: number, gen: number) => number;
  private readonly n: number;
  /** The record loop (lib/loop.ts) over this scanner's memory. */
  readonly loop: WasmLoop;
  /** Results of the last scan: `res[0]` is where it stopped. Views: valid until the memory grows (`load`). */
  res!: Int32Array;
  kstart!: Int32Array;
  vs!: Int32Array;
  ve!: Int32Array;
  seen!: Int32Array;
  kind!: Uint8Array;
  esc!: Uint8Array;

  /** A scanner for the top-level keys `keys` (slot i = keys[i]), or undefined without the module or room. */
  static create(keys: readonly Buffer[], chunkBytes: number, maxBytes?: number): NdjsonWasmScanner | undefined {
    const module = wasmModule('ndjson-scan', CONTRACT);
    // A memory capped below the input area could never hold a chunk.
    if (
      module === undefined ||
      keys.length > MAX_SLOTS ||
      (maxBytes !== undefined && maxBytes < loopMemoryFor(chunkBytes))
    )
      return undefined;
    let room = 0;
    for (const k of keys) room += k.length + 2;
    if (PAT + room > PAT_END) return undefined;
    return scannerOrNone(() => new NdjsonWasmScanner(module, keys, chunkBytes, maxBytes));
  }

  private constructor(module: object, keys: readonly Buffer[], chunkBytes: number, maxBytes?: number) {
    super(module, chunkBytes, maxBytes, LOOP_INPUT);
    this.loop = new WasmLoop(this.inst);
    this.scanFn = this.inst.exports.scan as (s: number, e: number, gen: number) => number;
    this.n = keys.length;
    const b = this.inst.bytes;
    const off = this.inst.i32(PAT_OFF, MAX_SLOTS);
    const len = this.inst.i32(PAT_LEN, MAX_SLOTS);
    let p = 0;
    keys.forEach((k, i) => {
      off[i] = p;
      len[i] = k.length + 2;
      b.set(k, PAT + p);
      b[PAT + p + k.length] = 0x22;
      b[PAT + p + k.length + 1] = 0x3a;
      p += k.length + 2;
    });
    this.inst.i32(NEXT, MAX_SLOTS + 1).fill(-1);
    this.inst.i32(SEEN, MAX_SLOTS).fill(-1);
    b.write('__proto__', PROTO, 'latin1');
    (this.inst.exports.init as (n: number) => void)(this.n);
    this.refresh();
  }

  /** Scans the record at `s` (line or chunk end `e`): SCAN_OK, SCAN_FALLBACK, SCAN_REJECT or SCAN_RESCAN. */
  scan(s: number, e: number, gen: number): number {
    return this.scanFn(s, e, gen);
  }

  /**
   * Prepares the record loop: the output fields' slots and operators (OP_KEEP 1, OP_HASH 2), in manifest order;
   * the subject key's slot (-1: none); the longest record; and the output bytes a record may need beyond its own
   * length.
   */
  initRun(outSlots: readonly number[], ops: readonly number[], subject: number, maxLine: number, extra: number): void {
    const slots = this.inst.i32(OUT_SLOTS, outSlots.length);
    const kinds = this.inst.u8(OUT_OPS, outSlots.length);
    outSlots.forEach((sl, i) => {
      slots[i] = sl;
      kinds[i] = ops[i] as number;
    });
    (this.inst.exports.initRun as (n: number, s: number, m: number, x: number) => void)(
      outSlots.length,
      subject,
      Math.min(maxLine, 0x7fffffff),
      extra,
    );
  }

  /**
   * Runs the record loop over the loaded chunk from `p` (generations after `gen`) until its end or a stop (see
   * `WasmLoop.transform`).
   */
  run(p: number, end: number, gen: number): number {
    return (this.inst.exports.run as (p: number, e: number, g: number) => number)(p, end, gen);
  }

  /** Where the last accepted record's scan stopped (after its `}` and the spaces after it). */
  get tail(): number {
    return this.res[R_TAIL] as number;
  }

  /** Why the last scan rejected its record. */
  rejection(slotName: readonly string[]): ScanRejection {
    const r = this.res;
    const code = r[R_REASON] as number;
    if (code === DUPLICATE_KEY) {
      const sl = r[R_A] as number;
      const key = sl >= 0 ? (slotName[sl] as string) : this.bytes.toString('utf8', r[R_A2], r[R_B]);
      return { code: 'gateway.record_duplicate_key', params: { key } };
    }
    if (code === PROTO_KEY) return { code: 'gateway.record_proto_key', params: {} };
    return badJsonRejection(code, r[R_POS] as number);
  }

  protected views(): void {
    const m = this.inst;
    const n = this.n;
    this.res = m.i32(0, 32);
    this.kstart = m.i32(KSTART, n);
    this.vs = m.i32(VS, n);
    this.ve = m.i32(VE, n);
    this.seen = m.i32(SEEN, n);
    this.kind = m.u8(KIND, n);
    this.esc = m.u8(ESC, n);
  }
}
