/**
 * @module adapters/gateway/wasm
 * The gateway's WebAssembly scanners (`wasm/*.ts`, AssemblyScript, compiled with SIMD into `dist/wasm/` by
 * `scripts/build-wasm.mjs`) and the memory they scan. A module is compiled once per thread (a few KiB: well under
 * a millisecond); each transform instantiates it with a memory of its own: a 64 KiB header of tables the host and
 * the scanner share at fixed offsets, the record loop's output area, lists and hash tables (`loop-wasm.ts`;
 * address space only until used), then the chunk being scanned. Where a module is missing (a source checkout
 * that was never built), unusable (damaged, or built for another table layout: a warning says so), its memory
 * cannot be reserved (a limit on virtual memory: V8 reserves ~10 GiB of address space per memory), or
 * `DATAPASS_WASM=0` is set, the transforms use their TypeScript scanners, which give the same bytes (differential
 * tests) at about three quarters of the speed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.js';

/** Where the chunk starts in a scanner's memory (after the shared tables), unless its module says otherwise. */
export const WASM_INPUT = 65536;
/** Bytes readable past the chunk's end: a stop byte, then room for one 16-byte vector load. */
const SLACK = 64;
const PAGE = 65536;

interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  readonly Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
}
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
/** Node's WebAssembly global (its types are in TypeScript's DOM library, which this package does not load). */
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

const modules = new Map<string, object | null>();

/**
 * What a host expects of a scanner module: the functions it calls, and the version of the table layout it
 * shares with it (each module's `layout()`; raised in both places whenever an offset changes, or which records a
 * module leaves to the host).
 */
export interface ModuleContract {
  exports: readonly string[];
  layout: number;
}

/**
 * Compiles and checks a scanner module; undefined, with a process warning naming `file` and why, when the bytes
 * are no module or not the module the host expects (a stale or damaged build).
 */
export function compileScanner(bytes: Uint8Array, file: string, contract: ModuleContract): object | undefined {
  let why: string;
  try {
    const module = new WA.Module(bytes);
    const inst = new WA.Instance(module, { env: { memory: new WA.Memory({ initial: 2, maximum: 2 }) } }).exports;
    const missing = [...contract.exports, 'layout'].filter((f) => typeof inst[f] !== 'function');
    const layout = missing.length === 0 ? (inst.layout as () => number)() : undefined;
    if (missing.length === 0 && layout === contract.layout) return module;
    why =
      missing.length > 0
        ? `it lacks ${missing.join(', ')}`
        : `its table layout is version ${layout}, this DataPass needs ${contract.layout}`;
  } catch (err) {
    // A limit on virtual memory fails the probe's memory: the caller's own instance would fail alike.
    if (err instanceof RangeError) return undefined;
    why = (err as Error).message;
  }
  process.emitWarning(
    `${file} is unusable (${why}); records are scanned in TypeScript (slower, same output). Rebuild with \`npm run build\`.`,
    { code: 'DATAPASS_WASM' },
  );
  return undefined;
}

/**
 * The compiled module `dist/wasm/<name>.wasm`, or undefined when it is missing, unusable or disabled
 * (`DATAPASS_WASM=0`, also `false`, `off` or `no`).
 */
export function wasmModule(name: string, contract: ModuleContract): object | undefined {
  if (/^(0|false|off|no)$/i.test(process.env.DATAPASS_WASM ?? '')) return undefined;
  let m = modules.get(name);
  if (m === undefined) {
    const file = join(PACKAGE_ROOT, 'dist', 'wasm', `${name}.wasm`);
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    m = (bytes && compileScanner(bytes, file, contract)) ?? null;
    modules.set(name, m);
  }
  return m ?? undefined;
}

/**
 * Makes a scanner, or undefined when its memory cannot be reserved (a limit on virtual memory): the caller then
 * scans in TypeScript.
 */
export function scannerOrNone<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch (err) {
    if (err instanceof RangeError) return undefined;
    throw err;
  }
}

/** One instance of a scanner module with its own memory; `bytes` views the whole memory. */
export class WasmMemoryInstance {
  readonly exports: Record<string, unknown>;
  private readonly memory: WasmMemory;
  /** The memory as bytes (replaced when the memory grows: re-read it after `load`). */
  bytes: Buffer;
  /** Bumped whenever the memory grows (views over the old memory are then detached). */
  epoch = 0;
  /** Where `load` puts a chunk. */
  readonly inputAt: number;

  /**
   * `maxBytes`: the most memory it may grow to (2 GiB: the scanners' positions are signed 32-bit numbers; tests
   * set less). A larger chunk is scanned in TypeScript.
   */
  constructor(module: object, inputBytes: number, maxBytes = 2 ** 31 - PAGE, inputAt = WASM_INPUT) {
    const maximum = Math.floor(maxBytes / PAGE);
    this.inputAt = inputAt;
    // Pages not yet written cost address space only (the regions before the input fill as they are used).
    this.memory = new WA.Memory({
      initial: Math.min(maximum, Math.ceil((inputAt + inputBytes + SLACK) / PAGE)),
      maximum,
    });
    this.exports = new WA.Instance(module, { env: { memory: this.memory } }).exports;
    this.bytes = Buffer.from(this.memory.buffer);
  }

  /** An Int32Array over `[offset, offset + 4·length)` of the current memory. */
  i32(offset: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, offset, length);
  }

  u8(offset: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, offset, length);
  }

  /**
   * Copies `buf[start, end)` to the input area and puts a `\n` after it (every scan stops there); grows the
   * memory first when the chunk does not fit. Returns the input's end in the memory, or -1 when the memory
   * cannot grow that far (the caller then scans that chunk in TypeScript).
   */
  load(buf: Uint8Array, start: number, end: number): number {
    const at = this.inputAt;
    const need = at + (end - start) + SLACK;
    if (need > this.bytes.length) {
      try {
        this.memory.grow(Math.ceil((need - this.bytes.length) / PAGE));
      } catch (err) {
        if (err instanceof RangeError) return -1;
        throw err;
      }
      this.bytes = Buffer.from(this.memory.buffer);
      this.epoch++;
    }
    const b = this.bytes;
    b.set(buf.subarray(start, end), at);
    const e = at + (end - start);
    b[e] = 0x0a;
    return e;
  }
}

/** Why a scanner rejected a record: a problem code and its parameters. */
export interface ScanRejection {
  code: string;
  params: Record<string, string | number>;
}

/**
 * What the NDJSON and CSV scanners share: their instance and memory, the chunk loaded into it, and typed-array
 * views of their tables (re-made by `views` whenever the memory grows).
 */
export abstract class WasmScanner {
  protected readonly inst: WasmMemoryInstance;
  private epoch = -1;

  protected constructor(module: object, chunkBytes: number, maxBytes?: number, inputAt?: number) {
    this.inst = new WasmMemoryInstance(module, chunkBytes, maxBytes, inputAt);
  }

  /** The memory as bytes; the chunk loaded last sits at `inputAt`. */
  get bytes(): Buffer {
    return this.inst.bytes;
  }

  /** Where a loaded chunk starts in `bytes`. */
  get inputAt(): number {
    return this.inst.inputAt;
  }

  /**
   * Copies a chunk in (see `WasmMemoryInstance.load`; the views may change); returns its end in `bytes`, or -1
   * when it does not fit.
   */
  load(buf: Uint8Array, start: number, end: number): number {
    const e = this.inst.load(buf, start, end);
    this.refresh();
    return e;
  }

  /** Makes the views when the memory is new or has grown. */
  protected refresh(): void {
    if (this.epoch === this.inst.epoch) return;
    this.views();
    this.epoch = this.inst.epoch;
  }

  protected abstract views(): void;
}

/** Where a transform scans a chunk: copied into its scanner's memory (`inWasm`), or where it is. */
export interface ChunkPlace {
  buf: Buffer;
  start: number;
  end: number;
  inWasm: boolean;
}

/**
 * Loads `buf[start, end)` into the scanner `w` when there is one and the chunk fits its memory. Else the chunk
 * stays where it is, cut off at `end`: the TypeScript scanners treat the buffer's end as the chunk's.
 */
export function placeChunk(w: WasmScanner | undefined, buf: Buffer, start: number, end: number): ChunkPlace {
  const e = w === undefined ? -1 : w.load(buf, start, end);
  if (w === undefined || e < 0)
    return { buf: end < buf.length ? buf.subarray(0, end) : buf, start, end, inWasm: false };
  return { buf: w.bytes, start: w.inputAt, end: e, inWasm: true };
}
