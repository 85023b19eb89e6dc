/**
 * @module adapters/gateway/loop-wasm
 * The host side of the WebAssembly record loops (`run` in `wasm/ndjson-scan.ts` and `wasm/csv-scan.ts`, sharing
 * `wasm/lib/loop.ts`): for manifests whose output fields are all `keep` or `hash` (and no suppress rule, at most
 * one subject key), a loop call transforms a chunk's records in the module's memory, with no call per record. It
 * stops, untouched, at any record it leaves to the TypeScript transform (a reject, a value it does not write the
 * way TypeScript would); the host handles that one record and calls it again. After each call the module settles
 * (computes the digests of the values and subjects the call met first, with the keys' pad states the host gave
 * it, and fills the output's gaps), and the host takes the new subjects' digests and the output. The offsets below mirror
 * `wasm/lib/loop.ts` (the modules' `layout()` covers them).
 */
import type { FastHmac } from './hmac.js';
import type { SubjectDigests } from './subjects.js';
import { type ChunkState, L_IN, L_LINES, L_OUT } from './types.js';
import type { WasmMemoryInstance } from './wasm.js';

/** Where a loop module's chunk goes: after its output area, lists and hash tables (untouched pages cost nothing). */
export const LOOP_INPUT = 44 << 20;
/** Smallest memory a loop module can work in (the tables, then a chunk of this many bytes). */
export const loopMemoryFor = (chunkBytes: number): number => LOOP_INPUT + chunkBytes + 65536;

// Words (i32 indexes) of the header.
const RUN_P = 16;
const RUN_RECORDS = 17;
const RUN_OUT = 18;
const RUN_NEWN = 19;
const RUN_GEN = 20;
const RUN_LINES = 28;
const RUN_RESTARTS = 29;
// Regions (byte offsets).
const OUT = 65536;
const NEW_DIGESTS = (6 << 20) + (512 << 10);
/** The pad states of the two HMAC keys (8 + 8 words each), then SHA-256's round constants (wasm/lib/hmac.ts). */
const HMAC_AT = (5 << 20) + (256 << 10);
/** SHA-256's round constants (FIPS 180-4 §4.2.2). */
const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
/** Room in the output area for a subject key the host looks up (`seenSubject`). */
const OUT_SCRATCH = (4 << 20) - OUT - 64;

/** The loop transformed every record up to the chunk's end. */
export const RUN_DONE = 0;
/** The loop stopped at a record the host handles, then calls it again after that record. */
export const RUN_HOST = 1;
/** The loop stopped with its output or one of its lists full: settle, then call it again. */
export const RUN_FULL = 3;

/** The functions every loop module exports besides its scanner's. */
export const LOOP_EXPORTS = ['initRun', 'run', 'settle', 'seenSubject'] as const;

export class WasmLoop {
  private words: Int32Array;
  private epoch: number;

  constructor(private readonly inst: WasmMemoryInstance) {
    this.words = inst.i32(0, 32);
    this.epoch = inst.epoch;
  }

  /**
   * Gives the loop its two HMAC keys as pad states (`FastHmac.padStates`): the `hash` operator's and the
   * ledger's subject key.
   */
  setKeys(hash: FastHmac, subject: SubjectDigests): void {
    const at = this.inst.i32(HMAC_AT, 96);
    at.set(hash.padStates(), 0);
    at.set(subject.padStates(), 16);
    at.set(SHA256_K, 32);
  }

  private get res(): Int32Array {
    if (this.epoch !== this.inst.epoch) {
      this.words = this.inst.i32(0, 32);
      this.epoch = this.inst.epoch;
    }
    return this.words;
  }

  /** The loop's subject set has started over while holding subjects (it may report some again). */
  get restarted(): boolean {
    return (this.res[RUN_RESTARTS] as number) > 0;
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
  transform(p: number, end: number, c: ChunkState, call: (p: number) => number, one: (p: number) => number): number {
    const { n, out, fresh } = c;
    while (p < end) {
      const st = call(p);
      const r = this.res;
      const k = r[RUN_RECORDS] as number;
      n[L_LINES] = (n[L_LINES] as number) + (r[RUN_LINES] as number);
      n[L_IN] = (n[L_IN] as number) + k;
      n[L_OUT] = (n[L_OUT] as number) + k;
      const mem = this.inst.bytes;
      // The digests of the values and subjects this call met first, and the output's gaps filled.
      (this.inst.exports.settle as () => void)();
      const np = r[RUN_NEWN] as number;
      if (np > 0) {
        fresh.addPacked(mem.subarray(NEW_DIGESTS, NEW_DIGESTS + 32 * np));
        r[RUN_NEWN] = 0;
      }
      const outEnd = r[RUN_OUT] as number;
      const len = outEnd - OUT;
      if (len > 0) {
        const ob = out.ensure(len);
        mem.copy(ob, out.pos, OUT, outEnd);
        out.pos += len;
      }
      p = r[RUN_P] as number;
      if (st === RUN_DONE) break;
      // A call that stops full with nothing done (its lists and output were empty) would stop there again: that
      // record is the host's too.
      if (st === RUN_HOST || (st === RUN_FULL && k === 0 && len === 0)) p = one(p);
    }
    return p;
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
