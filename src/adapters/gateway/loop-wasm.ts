/**
 * @module adapters/gateway/loop-wasm
 * The host side of the WebAssembly record loops (`run` in `wasm/ndjson-scan.ts` and `wasm/csv-scan.ts`, sharing
 * `wasm/lib/loop.ts`): for manifests whose output fields are all `keep` or `hash` (and no suppress rule, at most
 * one subject key), a loop call transforms a chunk's records in the module's memory, with no call per record. It
 * stops, untouched, at any record it leaves to the TypeScript transform (a reject, a value it does not write the
 * way TypeScript would); the host handles that one record and calls it again. After each call the host settles:
 * computes the digests the loop could not memoise yet (the HMAC key stays in TypeScript), lets the module fill
 * the output's gaps with them, reports the new subjects and copies the output out. The offsets below mirror
 * `wasm/lib/loop.ts` (the modules' `layout()` covers them).
 */
import type { FastHmac } from './hmac.js';
import { hex32Into } from './hmac.js';
import { type ChunkState, L_IN, L_LINES, L_OUT } from './types.js';
import type { WasmMemoryInstance } from './wasm.js';

/** Where a loop module's chunk goes: after its output area, lists and hash tables (untouched pages cost nothing). */
export const LOOP_INPUT = 152 << 20;
/** Smallest memory a loop module can work in (the tables, then a chunk of this many bytes). */
export const loopMemoryFor = (chunkBytes: number): number => LOOP_INPUT + chunkBytes + 65536;

// Words (i32 indexes) of the header.
const RUN_P = 16;
const RUN_RECORDS = 17;
const RUN_OUT = 18;
const RUN_NEWN = 19;
const RUN_GEN = 20;
const RUN_PEND = 21;
const RUN_PATCH = 22;
const RUN_LINES = 28;
// Regions (byte offsets).
const OUT = 65536;
const NEW = 4 << 20;
const PENDING = 5 << 20;
/** Room in the output area for a subject key the host looks up (`seenSubject`). */
const OUT_SCRATCH = (4 << 20) - OUT - 64;

/** The loop transformed every record up to the chunk's end. */
export const RUN_DONE = 0;
/** The loop stopped at a record the host handles, then calls it again after that record. */
export const RUN_HOST = 1;
/** The loop stopped with its output or one of its lists full: settle, then call it again. */
export const RUN_FULL = 3;

/** The functions every loop module exports besides its scanner's. */
export const LOOP_EXPORTS = ['initRun', 'run', 'patch', 'seenSubject', 'inputAt'] as const;

export class WasmLoop {
  private words: Int32Array;
  private epoch: number;
  private readonly digest32 = new Uint8Array(32);

  constructor(private readonly inst: WasmMemoryInstance) {
    this.words = inst.i32(0, 32);
    this.epoch = inst.epoch;
  }

  private get res(): Int32Array {
    if (this.epoch !== this.inst.epoch) {
      this.words = this.inst.i32(0, 32);
      this.epoch = this.inst.epoch;
    }
    return this.words;
  }

  /** The last generation the NDJSON loop used (the host's next scan takes a later one). */
  get gen(): number {
    return this.res[RUN_GEN] as number;
  }

  /**
   * Lets the loop transform the chunk `[p, end)` in the module's memory: `call(p)` runs it from `p` (returning a
   * RUN_* status), `one(p)` handles the record at `p` in TypeScript and returns where the next one starts. Counts
   * and output go to `c` in input order; returns the chunk's end.
   */
  transform(
    p: number,
    end: number,
    c: ChunkState,
    hmac: FastHmac,
    call: (p: number) => number,
    one: (p: number) => number,
  ): number {
    const { n, out, fresh } = c;
    while (p < end) {
      const st = call(p);
      const r = this.res;
      const k = r[RUN_RECORDS] as number;
      n[L_LINES] = (n[L_LINES] as number) + (r[RUN_LINES] as number);
      n[L_IN] = (n[L_IN] as number) + k;
      n[L_OUT] = (n[L_OUT] as number) + k;
      const mem = this.inst.bytes;
      const outEnd = this.settle(mem, r, hmac);
      const np = r[RUN_NEWN] as number;
      if (np > 0) {
        const pairs = this.inst.i32(NEW, 2 * np);
        for (let i = 0; i < 2 * np; i += 2) fresh.addBytes(mem, pairs[i] as number, pairs[i + 1] as number);
        r[RUN_NEWN] = 0;
      }
      const len = outEnd - OUT;
      if (len > 0) {
        const ob = out.ensure(len);
        mem.copy(ob, out.pos, OUT, outEnd);
        out.pos += len;
      }
      p = r[RUN_P] as number;
      if (st === RUN_DONE) break;
      if (st === RUN_HOST) p = one(p);
    }
    return p;
  }

  /** Computes the digests the last call left pending and has the module fill its output's gaps with them. */
  private settle(mem: Buffer, r: Int32Array, hmac: FastHmac): number {
    const np = r[RUN_PEND] as number;
    if (np > 0) {
      const ents = this.inst.i32(PENDING, np);
      for (let i = 0; i < np; i++) {
        // A memo entry: key length, key bytes, then 64 bytes for the hex digest.
        const ent = ents[i] as number;
        const at = ent + 4 + mem.readInt32LE(ent);
        hmac.rawInto(mem, ent + 4, at, this.digest32, 0);
        hex32Into(this.digest32, 0, mem, at);
      }
    }
    if (np > 0 || (r[RUN_PATCH] as number) > 0) (this.inst.exports.patch as () => void)();
    return r[RUN_OUT] as number;
  }

  /**
   * The loop's subject set, for records the host handles: 1 when the key bytes `src[s, e)` were seen before, 0
   * when not (they are now), 2 when the set cannot take them (the host keeps its own set then). One set for both
   * sides, so a subject is reported once whichever side met it.
   */
  seenSubject(src: Uint8Array, s: number, e: number): number {
    let at = s;
    const mem = this.inst.bytes;
    if (src !== mem) {
      if (e - s > OUT_SCRATCH) return 2;
      // The output area is free while the host handles a record: the key is copied there.
      mem.set(src.subarray(s, e), OUT);
      at = OUT;
    }
    return (this.inst.exports.seenSubject as (s: number, e: number) => number)(at, at + (e - s));
  }
}
