/**
 * @module adapters/ledger/subject-set
 * An exact in-memory set of 32-byte subject hashes: open addressing with linear probing over typed arrays
 * (no per-entry objects), so 10 million members cost about 384 MB and a lookup-or-insert well under a
 * microsecond. Members are kept whole (all 32 bytes are compared), so counts are exact.
 */

const WORDS = 8;

export class SubjectHashSet {
  /** Members, 8 little-endian words each, in insertion order. */
  private entries: Uint32Array;
  /** slot → member index + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(expected = 1024) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.entries = new Uint32Array(Math.max(16, expected) * WORDS);
  }

  /**
   * Adds every 32-byte hash in `packed` (length a multiple of 32); returns how many distinct hashes it held
   * and how many were not members before.
   */
  addPacked(packed: Uint8Array): { distinct: number; added: number } {
    if (packed.length % 32 !== 0) throw new RangeError('packed subject hashes must be a multiple of 32 bytes');
    const words =
      packed.byteOffset % 4 === 0
        ? new Uint32Array(packed.buffer, packed.byteOffset, packed.length / 4)
        : new Uint32Array(Uint8Array.prototype.slice.call(packed).buffer);
    const before = this.size;
    let seenBefore: Set<number> | undefined;
    for (let off = 0; off < words.length; off += WORDS) {
      const idx = this.findOrInsert(words, off);
      if (idx >= 0 && idx < before) {
        seenBefore ??= new Set();
        seenBefore.add(idx);
      }
    }
    const added = this.size - before;
    return { distinct: added + (seenBefore?.size ?? 0), added };
  }

  /** The bytes of members `from..size-1`, in insertion order (what a commit appends to storage). */
  bytesFrom(from: number): Uint8Array {
    return new Uint8Array(this.entries.buffer, from * WORDS * 4, (this.size - from) * WORDS * 4).slice();
  }

  /** Returns the index of an existing member, or -1 after inserting a new one. */
  private findOrInsert(w: Uint32Array, off: number): number {
    if ((this.size + 1) * 2 > this.slots.length) this.grow();
    const e = this.entries;
    let slot = (w[off] as number) & this.mask;
    while (true) {
      const s = this.slots[slot] as number;
      if (s === 0) break;
      const base = (s - 1) * WORDS;
      if (
        e[base] === w[off] &&
        e[base + 1] === w[off + 1] &&
        e[base + 2] === w[off + 2] &&
        e[base + 3] === w[off + 3] &&
        e[base + 4] === w[off + 4] &&
        e[base + 5] === w[off + 5] &&
        e[base + 6] === w[off + 6] &&
        e[base + 7] === w[off + 7]
      ) {
        return s - 1;
      }
      slot = (slot + 1) & this.mask;
    }
    if ((this.size + 1) * WORDS > this.entries.length) {
      const bigger = new Uint32Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    const d = this.size * WORDS;
    const t = this.entries;
    for (let k = 0; k < WORDS; k++) t[d + k] = w[off + k] as number;
    this.size++;
    this.slots[slot] = this.size;
    return -1;
  }

  private grow(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    const e = this.entries;
    for (let i = 0; i < this.size; i++) {
      let slot = (e[i * WORDS] as number) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = i + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
