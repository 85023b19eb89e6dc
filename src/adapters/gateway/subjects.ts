/**
 * @module adapters/gateway/subjects
 * The subjects a chunk reports, as the ledger stores them: keyed hashes (HMAC-SHA256 with the ledger's subject
 * key over the key value's UTF-8 bytes, exactly what `ledger.subjectHasher()` computes from the text), packed
 * 32 bytes each. Hashing where the record bytes are (in the worker) means no string per subject, nothing to
 * hash on the main thread, and one transferable array per chunk instead of a cloned array of strings.
 */
import { FastHmac } from './hmac.js';

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

  addText(text: string): void {
    const b = Buffer.from(text, 'utf8');
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

/** A subject hasher for one transform (one per thread: FastHmac keeps scratch state). */
export function subjectDigester(key: Uint8Array): () => SubjectDigests {
  const hmac = new FastHmac(key);
  return () => new SubjectDigests(hmac);
}

/**
 * A set of 32-byte digests (open addressing over their first 8 words). A digest is uniformly random, so its
 * first word is the hash: no hashing, one probe in the common case.
 */
export class DigestSet {
  private words = new Int32Array(8 * 1024);
  private mask = 1023;
  private n = 0;

  /** Adds the digest at `src[at, at + 32)`; false when it was already present. */
  add(src: Uint8Array, at: number): boolean {
    const w0 = src[at]! | (src[at + 1]! << 8) | (src[at + 2]! << 16) | (src[at + 3]! << 24);
    const w = this.words;
    for (let i = w0 & this.mask; ; i = (i + 1) & this.mask) {
      const o = i * 8;
      if (this.isFree(o)) {
        this.put(src, at, o);
        return true;
      }
      let k = 0;
      while (k < 8 && w[o + k] === DigestSet.word(src, at + k * 4)) k++;
      if (k === 8) return false;
    }
  }

  /** A free slot is all zero (a digest that is all zero has probability 2^-256). */
  private isFree(o: number): boolean {
    const w = this.words;
    return (w[o]! | w[o + 1]! | w[o + 2]! | w[o + 3]! | w[o + 4]! | w[o + 5]! | w[o + 6]! | w[o + 7]!) === 0;
  }

  private static word(src: Uint8Array, p: number): number {
    return src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16) | (src[p + 3]! << 24);
  }

  private put(src: Uint8Array, at: number, o: number): void {
    for (let k = 0; k < 8; k++) this.words[o + k] = DigestSet.word(src, at + k * 4);
    if (++this.n * 2 > this.mask) this.grow();
  }

  private grow(): void {
    const old = this.words;
    this.words = new Int32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    this.n = 0;
    const b = new Uint8Array(old.buffer);
    for (let o = 0; o < old.length; o += 8) {
      if (
        (old[o]! | old[o + 1]! | old[o + 2]! | old[o + 3]! | old[o + 4]! | old[o + 5]! | old[o + 6]! | old[o + 7]!) !==
        0
      )
        this.add(b, o * 4);
    }
  }
}
