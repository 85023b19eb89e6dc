/**
 * @module adapters/gateway/subjects
 * The subjects a chunk reports, as the ledger stores them: keyed hashes (HMAC-SHA256 with the ledger's subject
 * key over the key value's UTF-8 bytes, exactly what `ledger.subjectHasher()` computes from the text), packed
 * 32 bytes each. Hashing where the record bytes are (in the worker) means no string per subject, nothing to
 * hash on the main thread, and one transferable array per chunk instead of a cloned array of strings.
 */
import { textBytes } from '../../core/bytes.js';
import { ByteTable } from './byte-table.js';
import { FastHmac } from './hmac.js';
import type { WasmLoop } from './loop-wasm.js';

/** A code point `String.prototype.trim` removes: JavaScript's WhiteSpace and LineTerminator characters. */
function isTrimmed(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000 ||
    cp === 0xfeff
  );
}

/**
 * True when the valid UTF-8 bytes `b[s, e)` are a subject key text `blankText` (core/enforce/compile.ts) calls
 * blank, without making a string per record: it returns at the first character that is no whitespace, for a VIN or
 * an id number the first byte. Mirrored by `blankKey` in wasm/lib/loop.ts.
 */
export function blankUtf8(b: Uint8Array, s: number, e: number): boolean {
  let i = s;
  while (i < e) {
    const c = b[i] as number;
    let cp: number;
    if (c < 0x80) {
      cp = c;
      i++;
    } else if (c < 0xe0) {
      cp = ((c & 0x1f) << 6) | ((b[i + 1] as number) & 0x3f);
      i += 2;
    } else if (c < 0xf0) {
      cp = ((c & 0x0f) << 12) | (((b[i + 1] as number) & 0x3f) << 6) | ((b[i + 2] as number) & 0x3f);
      i += 3;
    } else return false; // Four bytes: beyond the BMP, where no whitespace is.
    if (!isTrimmed(cp)) return false;
  }
  return true;
}

export class SubjectDigests {
  private buf: Uint8Array;
  private n = 0;

  constructor(
    private readonly hmac: FastHmac,
    capacity = 128,
  ) {
    this.buf = new Uint8Array(capacity * 32);
  }

  /** Hashes the UTF-8 bytes `src[s, e)` (a key value without escapes). */
  addBytes(src: Uint8Array, s: number, e: number): void {
    const at = this.n * 32;
    if (at + 32 > this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf.subarray(0, at));
      this.buf = next;
    }
    this.hmac.rawInto(src, s, e, this.buf, at);
    this.n++;
  }

  /** Appends digests computed elsewhere (packed, 32 bytes each). */
  addPacked(digests: Uint8Array): void {
    const at = this.n * 32;
    if (at + digests.length > this.buf.length) {
      const next = new Uint8Array(Math.max(this.buf.length * 2, at + digests.length));
      next.set(this.buf.subarray(0, at));
      this.buf = next;
    }
    this.buf.set(digests, at);
    this.n += digests.length / 32;
  }

  /** The subject key's pad states (`FastHmac.padStates`), for a hasher outside this class. */
  padStates(): Int32Array {
    return this.hmac.padStates();
  }

  addText(text: string): void {
    const b = textBytes(text);
    this.addBytes(b, 0, b.length);
  }

  get count(): number {
    return this.n;
  }

  /** The packed digests, in an array of their own (transferable to another thread). */
  take(): Uint8Array {
    return this.buf.subarray(0, this.n * 32);
  }
}

/**
 * The subjects one transform has reported, so that it reports each once, whichever path met the record: the
 * record loop's set when the loop runs (`run` in wasm/ndjson-scan.ts and csv-scan.ts: one set for both paths);
 * else, when the subject key is the only hashed field, the transform's `hash` memo (its keys are then exactly the
 * subjects seen: one cold lookup per record instead of two; with another hashed field it also holds that field's
 * values and is no subject set); else a set of its own. A set that starts over (a size limit) re-reports subjects:
 * `repeats` says so, and apply then drops the repeats.
 */
export class TransformSubjects {
  private readonly seen = new ByteTable();
  /** The `hash` memo (value bytes → 32-byte digest) when it serves as the set. */
  private readonly memo: ByteTable | undefined;

  /**
   * `memo`: the transform's `hash` memo; `subjects` and `hashed`: the transform's subject key and hashed output
   * fields (columns or slots), which decide whether the memo is the subject set.
   */
  constructor(
    private readonly hmac: FastHmac,
    memo: ByteTable,
    subjects: readonly number[],
    hashed: readonly number[],
    private readonly loop: WasmLoop | undefined,
  ) {
    this.memo = subjects.length === 1 && hashed.length === 1 && hashed[0] === subjects[0] ? memo : undefined;
  }

  /** Reports the subject key bytes `b[s, e)` in `fresh` when they are new to this transform. */
  note(b: Uint8Array, s: number, e: number, fresh: SubjectDigests): void {
    const seen = this.loop ? this.loop.seenSubject(b, s, e) : 2;
    if (seen === 0) fresh.addBytes(b, s, e);
    if (seen !== 2) return;
    const table = this.memo ?? this.seen;
    if (!table.has(b, s, e)) {
      table.insert(b, s, e);
      if (table === this.memo) this.hmac.rawInto(b, s, e, table.bytes, table.valueAt);
      fresh.addBytes(b, s, e);
    }
  }

  /** A set has started over: a subject may be reported again. */
  get repeats(): boolean {
    return this.seen.clears > 0 || (this.memo !== undefined && this.memo.clears > 0) || this.loop?.restarted === true;
  }
}

/** A subject hasher for one transform (one per thread: FastHmac keeps scratch state). */
export function subjectDigester(key: Uint8Array): () => SubjectDigests {
  const hmac = new FastHmac(key);
  return () => new SubjectDigests(hmac);
}

/**
 * A set of subject digests (packed arrays of 32-byte keyed hashes): drops a subject reported again (by another
 * worker, or by a transform whose subject set started over). Keyed by a digest's first 16 bytes, as the ledger's
 * subject sets are (`ledger/subject-set.ts`, with the bound on collisions): four words per slot of one
 * `Int32Array`, the first word (a pseudorandom value) picking the slot; one cache line per lookup (~30 ns, a
 * tenth of an arena table's).
 */
export class DigestSet {
  private table = new Int32Array(4 * 4096);
  private mask = 4095;
  private n = 0;
  /** The all-zero member (an empty slot looks the same). */
  private zero = false;

  /** Adds the digest at `src[at, at + 32)`; false when it was already present. */
  add(src: Uint8Array, at: number): boolean {
    const v = new DataView(src.buffer, src.byteOffset + at, 16);
    return this.insert(v.getInt32(0, true), v.getInt32(4, true), v.getInt32(8, true), v.getInt32(12, true));
  }

  /** Keeps the digests of `packed` not seen before, in order, moved to its front; returns them (a view). */
  filter(packed: Uint8Array): Uint8Array {
    const w =
      packed.byteOffset % 4 === 0
        ? new Int32Array(packed.buffer, packed.byteOffset, packed.length >> 2)
        : new Int32Array(packed.slice().buffer);
    let out = 0;
    for (let i = 0; i < w.length; i += 8) {
      if (!this.insert(w[i] as number, w[i + 1] as number, w[i + 2] as number, w[i + 3] as number)) continue;
      // Bytes before `i` were read already: moving a digest down never overwrites one still to read.
      if (out !== i * 4) packed.copyWithin(out, i * 4, i * 4 + 32);
      out += 32;
    }
    return packed.subarray(0, out);
  }

  private insert(k0: number, k1: number, k2: number, k3: number): boolean {
    if ((k0 | k1 | k2 | k3) === 0) {
      if (this.zero) return false;
      this.zero = true;
      return true;
    }
    const t = this.table;
    const m4 = this.mask * 4;
    let j = (k0 & this.mask) * 4;
    for (;;) {
      const a = t[j] as number;
      if (a === 0 && t[j + 1] === 0 && t[j + 2] === 0 && t[j + 3] === 0) break;
      if (a === k0 && t[j + 1] === k1 && t[j + 2] === k2 && t[j + 3] === k3) return false;
      j = (j + 4) & m4;
    }
    t[j] = k0;
    t[j + 1] = k1;
    t[j + 2] = k2;
    t[j + 3] = k3;
    if (++this.n * 4 > (this.mask + 1) * 3) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.table;
    const cap = (this.mask + 1) * 2;
    this.table = new Int32Array(cap * 4);
    this.mask = cap - 1;
    const m4 = this.mask * 4;
    for (let i = 0; i < old.length; i += 4) {
      const k0 = old[i] as number;
      if ((k0 | (old[i + 1] as number) | (old[i + 2] as number) | (old[i + 3] as number)) === 0) continue;
      const t = this.table;
      let j = (k0 & this.mask) * 4;
      while (((t[j] as number) | (t[j + 1] as number) | (t[j + 2] as number) | (t[j + 3] as number)) !== 0)
        j = (j + 4) & m4;
      t.set(old.subarray(i, i + 4), j);
    }
  }
}
