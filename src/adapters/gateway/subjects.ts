/**
 * @module adapters/gateway/subjects
 * The subjects a chunk reports, as the ledger stores them: keyed hashes (HMAC-SHA256 with the ledger's subject
 * key over the key value's UTF-8 bytes, exactly what `ledger.subjectHasher()` computes from the text), packed
 * 32 bytes each. Hashing where the record bytes are (in the worker) means no string per subject, nothing to
 * hash on the main thread, and one transferable array per chunk instead of a cloned array of strings.
 */
import { ByteTable } from './byte-table.js';
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

/** A set of 32-byte digests (packed arrays of them): drops a subject reported by more than one worker. */
export class DigestSet {
  /** Never cleared: the batch's subjects are kept anyway, for the ledger. */
  private readonly table = new ByteTable(0, Number.POSITIVE_INFINITY);

  /** Adds the digest at `src[at, at + 32)`; false when it was already present. */
  add(src: Uint8Array, at: number): boolean {
    if (this.table.has(src, at, at + 32)) return false;
    this.table.insert(src, at, at + 32);
    return true;
  }
}
