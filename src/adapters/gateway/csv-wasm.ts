/**
 * @module adapters/gateway/csv-wasm
 * The host side of the WebAssembly CSV scanner (`wasm/csv-scan.ts`): it sets the delimiter and the table size,
 * copies each chunk into the scanner's memory and reads back what a record's scan found. The scan does what the
 * record loop of `CsvTransform` does (same cell spans and quoting, same cell count, same quoted newlines, same
 * verdict), 16 bytes at a time; on the bench's orders (201 MB, 14 columns) the record transform runs ~30 % faster
 * with it, ~50 % on the same orders quoted with CRLF line ends.
 * The memory layout below mirrors the constants at the top of `wasm/csv-scan.ts`.
 */
import { LOOP_EXPORTS, LOOP_INPUT, loopMemoryFor, WasmLoop } from './loop-wasm.js';
import { type ModuleContract, type ScanRejection, scannerOrNone, WasmScanner, wasmModule } from './wasm.js';

/** The module this host needs: its functions and the version of the layout below (`layout()` in the module). */
const CONTRACT: ModuleContract = { exports: ['init', 'record', ...LOOP_EXPORTS], layout: 4 };

/** Indexes of the scan's results in `res`. */
export const R_COL = 0;
export const R_NL = 1;
export const R_REASON = 2;
const CS = 16384;
const CE = 32768;
const CQ = 49152;
// The record loop's output runs (see wasm/csv-scan.ts).
const RUN_FIRST = 6 << 20;
const RUN_LAST = RUN_FIRST + 16384;
const RUN_OP = RUN_LAST + 16384;
/** Cells the tables hold: a header of up to MAX_COLS - 1 columns (the tables hold one cell more). */
export const MAX_COLS = 4096;

/** Why a CSV record is malformed, as both CSV scanners say it (`res[R_REASON]` in `wasm/csv-scan.ts`). */
export const UNCLOSED_QUOTE = 1;
export const TEXT_AFTER_QUOTE = 2;

/** The reject for a malformed CSV record (UNCLOSED_QUOTE or TEXT_AFTER_QUOTE). */
export function csvRejection(reason: number): ScanRejection {
  return reason === UNCLOSED_QUOTE
    ? { code: 'gateway.record_unclosed_quote', params: {} }
    : { code: 'gateway.record_bad_csv', params: { reason: 'text after a closing quote' } };
}

/** One instance of the CSV scanner, with its own memory (one per transform). */
export class CsvWasmScanner extends WasmScanner {
  private readonly recordFn: (p: number, end: number) => number;
  private readonly cap: number;
  /** The record loop (lib/loop.ts) over this scanner's memory. */
  readonly loop: WasmLoop;
  /**
   * Results of the last scan (`R_COL`: cells, `R_NL`: newlines inside quotes, `R_REASON`: 0 or why the record
   * is malformed) and the first `cap` cells' starts, ends and quoting (0 none, 1 quoted, 2 with `""`). Views:
   * valid until the memory grows (`load`).
   */
  res!: Int32Array;
  cs!: Int32Array;
  ce!: Int32Array;
  cq!: Uint8Array;

  /**
   * A scanner for records split at the byte `delimiter` that records `cap` cells, or undefined without the
   * module, for a delimiter that is no byte, or for more cells than the tables hold. `maxBytes`: see
   * `WasmMemoryInstance`.
   */
  static create(delimiter: number, cap: number, chunkBytes: number, maxBytes?: number): CsvWasmScanner | undefined {
    if (!Number.isInteger(delimiter) || delimiter < 0 || delimiter > 0xff || cap > MAX_COLS) return undefined;
    // A memory capped below the input area could never hold a chunk.
    if (maxBytes !== undefined && maxBytes < loopMemoryFor(chunkBytes)) return undefined;
    const module = wasmModule('csv-scan', CONTRACT);
    if (module === undefined) return undefined;
    return scannerOrNone(() => new CsvWasmScanner(module, delimiter, cap, chunkBytes, maxBytes));
  }

  private constructor(module: object, delimiter: number, cap: number, chunkBytes: number, maxBytes?: number) {
    super(module, chunkBytes, maxBytes, LOOP_INPUT);
    this.loop = new WasmLoop(this.inst);
    this.recordFn = this.inst.exports.record as (p: number, end: number) => number;
    this.cap = cap;
    (this.inst.exports.init as (d: number, c: number) => void)(delimiter, cap);
    this.refresh();
  }

  /** Scans the record at `p` of the chunk loaded last (ending at `end`); returns where the next one starts. */
  record(p: number, end: number): number {
    return this.recordFn(p, end);
  }

  /**
   * Prepares the record loop: the header's column count; the output runs (first and last column, OP_KEEP 1 or
   * OP_HASH 2 — a hashed run is one column); the subject column (-1: none); the longest record.
   */
  initRun(
    ncols: number,
    first: Int32Array,
    last: Int32Array,
    ops: readonly number[],
    subject: number,
    maxLine: number,
  ): void {
    this.inst.i32(RUN_FIRST, first.length).set(first);
    this.inst.i32(RUN_LAST, last.length).set(last);
    this.inst.u8(RUN_OP, ops.length).set(ops);
    (this.inst.exports.initRun as (c: number, r: number, s: number, m: number) => void)(
      ncols,
      first.length,
      subject,
      Math.min(maxLine, 0x7fffffff),
    );
  }

  /** Runs the record loop over the loaded chunk from `p` (see `WasmLoop.transform`). */
  run(p: number, end: number): number {
    return (this.inst.exports.run as (p: number, e: number) => number)(p, end);
  }

  /** Why the last scan found its record malformed (`res[R_REASON]` is not 0). */
  rejection(): ScanRejection {
    return csvRejection(this.res[R_REASON] as number);
  }

  protected views(): void {
    const m = this.inst;
    this.res = m.i32(0, 4);
    this.cs = m.i32(CS, this.cap);
    this.ce = m.i32(CE, this.cap);
    this.cq = m.u8(CQ, this.cap);
  }
}
