/**
 * @module adapters/ledger/subject-set
 * The in-memory subject set of one exporter-year-kind: open addressing with linear probing over one
 * `Int32Array`, each slot holding the first 16 bytes (128 bits) of a member's keyed hash. The slot is the
 * key: one cache line is touched per lookup-or-insert, and 10 million members fit in 2^24 slots = 256 MiB
 * (load ≤ 0.75). The table can be written to and read from a file as it is (a snapshot).
 *
 * Exactness: two different subjects count as one only if their HMAC-SHA256 values agree on the first 128
 * bits. The keyed hash is a pseudorandom function of the subject (the key never leaves the country), so for
 * n members the chance that any two collide is at most n²/2^129: for n = 10^7 that is 1.5·10^-25 per
 * exporter-year — far below the chance of a hardware fault flipping the count. Without the key nobody can
 * search for a collision.
 *
 * `distinct` needs a "seen in this call" mark for members that already existed; it lives in a lazily
 * allocated stamp array that all-new batches never touch.
 */

/** Bytes of a member kept in memory and in the store. */
export const MEMBER_BYTES = 16;
const MAX_LOAD = 0.75;

function capacityFor(n: number): number {
  let cap = 1024;
  while (cap * MAX_LOAD < n) cap *= 2;
  return cap;
}

/** Views `packed` as 32-bit words, copying it when it is not 4-byte aligned. */
function words(packed: Uint8Array): Int32Array {
  return packed.byteOffset % 4 === 0
    ? new Int32Array(packed.buffer, packed.byteOffset, packed.length >> 2)
    : new Int32Array(Uint8Array.prototype.slice.call(packed).buffer);
}

export class SubjectHashSet {
  /** 4 words per slot; all-zero = empty (the all-zero member is tracked by `hasZero`). */
  private table: Int32Array;
  private mask: number;
  private hasZero = false;
  private stamps: Uint32Array | undefined;
  private gen = 0;
  private zeroStamp = 0;
  /** Members added by the last `addPacked`, 4 words each. */
  private fresh = new Int32Array(4 * 1024);
  private freshSlots = new Int32Array(1024);
  private freshCount = 0;
  size = 0;

  /** `expected`: members to make room for up front (e.g. the stored counter), so the table does not grow. */
  constructor(expected = 0) {
    const cap = capacityFor(expected);
    this.table = new Int32Array(cap * 4);
    this.mask = cap - 1;
  }

  /** Rebuilds a set from {@link snapshot} output; returns undefined when the parts do not fit together. */
  static fromSnapshot(table: Int32Array, size: number, hasZero: boolean): SubjectHashSet | undefined {
    const cap = table.length / 4;
    if (!Number.isInteger(cap) || cap < 1024 || (cap & (cap - 1)) !== 0 || size > cap * MAX_LOAD) return undefined;
    const s = new SubjectHashSet(0);
    s.table = table;
    s.mask = cap - 1;
    s.size = size;
    s.hasZero = hasZero;
    return s;
  }

  /** The table as it is, for a snapshot file. */
  snapshot(): { table: Int32Array; size: number; hasZero: boolean } {
    return { table: this.table, size: this.size, hasZero: this.hasZero };
  }

  /** Makes room for `n` members in total. */
  reserve(n: number): void {
    if (n <= (this.mask + 1) * MAX_LOAD) return;
    const cap = capacityFor(n);
    const old = this.table;
    const t = new Int32Array(cap * 4);
    const m4 = (cap - 1) * 4;
    for (let i = 0; i < old.length; i += 4) {
      const k0 = old[i] as number;
      const k1 = old[i + 1] as number;
      const k2 = old[i + 2] as number;
      const k3 = old[i + 3] as number;
      if ((k0 | k1 | k2 | k3) === 0) continue;
      let j = (k0 << 2) & m4;
      while (((t[j] as number) | (t[j + 1] as number) | (t[j + 2] as number) | (t[j + 3] as number)) !== 0)
        j = (j + 4) & m4;
      t[j] = k0;
      t[j + 1] = k1;
      t[j + 2] = k2;
      t[j + 3] = k3;
    }
    this.table = t;
    this.mask = cap - 1;
    this.stamps = undefined;
  }

  /**
   * Adds hashes packed at `stride` bytes each (32: full keyed hashes; 16: stored members), keyed by their
   * first 16 bytes. Returns how many distinct members the input held and how many were not members before;
   * the new ones are then in {@link lastAdded}.
   */
  addPacked(packed: Uint8Array, stride = 32, record = true): { distinct: number; added: number } {
    if (stride % 16 !== 0 || packed.length % stride !== 0) {
      throw new RangeError(`packed subject hashes must be a multiple of ${stride} bytes`);
    }
    const n = packed.length / stride;
    this.reserve(this.size + n);
    if (!record) return this.load(packed, stride);
    if (this.fresh.length < n * 4) {
      this.fresh = new Int32Array(n * 4);
      this.freshSlots = new Int32Array(n);
    }
    this.gen = (this.gen + 1) >>> 0;
    if (this.gen === 0) {
      this.stamps = undefined;
      this.gen = 1;
    }
    const gen = this.gen;
    const w = words(packed);
    const step = stride >> 2;
    const t = this.table;
    const m4 = this.mask * 4;
    const fresh = this.fresh;
    const freshSlots = this.freshSlots;
    let stamps = this.stamps;
    // Once a call meets an existing member, members it inserts are stamped too (so repeats are not "seen").
    let stamping = false;
    let added = 0;
    let seen = 0;
    for (let o = 0; o < w.length; o += step) {
      const k0 = w[o] as number;
      const k1 = w[o + 1] as number;
      const k2 = w[o + 2] as number;
      const k3 = w[o + 3] as number;
      if ((k0 | k1 | k2 | k3) === 0) {
        if (!this.hasZero) {
          this.hasZero = true;
          this.zeroStamp = gen;
          fresh.fill(0, added * 4, added * 4 + 4);
          freshSlots[added] = -1;
          added++;
        } else if (this.zeroStamp !== gen) {
          this.zeroStamp = gen;
          seen++;
        }
        continue;
      }
      let j = (k0 << 2) & m4;
      while (true) {
        const t0 = t[j] as number;
        const t1 = t[j + 1] as number;
        const t2 = t[j + 2] as number;
        const t3 = t[j + 3] as number;
        if (t0 === k0 && t1 === k1 && t2 === k2 && t3 === k3) {
          if (!stamping) {
            stamping = true;
            if (!stamps) {
              stamps = new Uint32Array(this.mask + 1);
              this.stamps = stamps;
            }
            for (let a = 0; a < added; a++) {
              const s = freshSlots[a] as number;
              if (s >= 0) stamps[s] = gen;
            }
          }
          const slot = j >> 2;
          if ((stamps as Uint32Array)[slot] !== gen) {
            (stamps as Uint32Array)[slot] = gen;
            seen++;
          }
          break;
        }
        if ((t0 | t1 | t2 | t3) === 0) {
          t[j] = k0;
          t[j + 1] = k1;
          t[j + 2] = k2;
          t[j + 3] = k3;
          const f = added * 4;
          fresh[f] = k0;
          fresh[f + 1] = k1;
          fresh[f + 2] = k2;
          fresh[f + 3] = k3;
          freshSlots[added] = j >> 2;
          if (stamping) (stamps as Uint32Array)[j >> 2] = gen;
          added++;
          break;
        }
        j = (j + 4) & m4;
      }
    }
    this.size += added;
    this.freshCount = added;
    return { distinct: added + seen, added };
  }

  /** Bulk insert for loading stored chunks: no distinct count, nothing recorded in {@link lastAdded}. */
  private load(packed: Uint8Array, stride: number): { distinct: number; added: number } {
    const w = words(packed);
    const step = stride >> 2;
    const t = this.table;
    const m4 = this.mask * 4;
    let added = 0;
    for (let o = 0; o < w.length; o += step) {
      const k0 = w[o] as number;
      const k1 = w[o + 1] as number;
      const k2 = w[o + 2] as number;
      const k3 = w[o + 3] as number;
      if ((k0 | k1 | k2 | k3) === 0) {
        if (!this.hasZero) added++;
        this.hasZero = true;
        continue;
      }
      let j = (k0 << 2) & m4;
      while (true) {
        const t0 = t[j] as number;
        const t1 = t[j + 1] as number;
        const t2 = t[j + 2] as number;
        const t3 = t[j + 3] as number;
        if (t0 === k0 && t1 === k1 && t2 === k2 && t3 === k3) break;
        if ((t0 | t1 | t2 | t3) === 0) {
          t[j] = k0;
          t[j + 1] = k1;
          t[j + 2] = k2;
          t[j + 3] = k3;
          added++;
          break;
        }
        j = (j + 4) & m4;
      }
    }
    this.size += added;
    this.freshCount = 0;
    return { distinct: added, added };
  }

  /** The 16-byte members added by the last {@link addPacked}, in input order (a view: copy to keep it). */
  lastAdded(): Uint8Array {
    return new Uint8Array(this.fresh.buffer, 0, this.freshCount * MEMBER_BYTES);
  }
}
