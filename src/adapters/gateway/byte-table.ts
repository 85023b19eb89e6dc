/**
 * @module adapters/gateway/byte-table
 * An open-addressing hash table keyed by byte ranges, with the keys (and an optional fixed-size value) kept in one
 * growing arena: looking up a subject key or a cached digest costs an FNV-1a hash and a byte compare, and
 * allocates nothing per record. Used for the set of subjects seen and for the `hash` operator's memo (join keys
 * repeat: a fleet's VINs recur across repair orders, and HMAC is deterministic).
 */

export class ByteTable {
  private arena: Buffer;
  private used = 0;
  /** Per slot, interleaved (one cache line): arena offset + 1 of the entry (0 = empty), then its hash. */
  private slots: Int32Array;
  private mask: number;
  private n = 0;
  /** Offset of the value bytes of the entry found or inserted by the last call. */
  valueAt = 0;

  constructor(
    private readonly valueLen = 0,
    private readonly maxEntries = 4_000_000,
  ) {
    this.arena = Buffer.allocUnsafeSlow(1 << 20);
    this.slots = new Int32Array(2 << 16);
    this.mask = (1 << 16) - 1;
  }

  get size(): number {
    return this.n;
  }

  /** The arena; value bytes of the last hit start at `valueAt`. Re-read after every insert (it may grow). */
  get bytes(): Buffer {
    return this.arena;
  }

  private static hash(src: Uint8Array, s: number, e: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = s; i < e; i++) h = Math.imul(h ^ (src[i] as number), 0x01000193);
    return h;
  }

  /** Looks `src[s, e)` up; true when present (then `valueAt` points at its value). */
  has(src: Uint8Array, s: number, e: number): boolean {
    const h = ByteTable.hash(src, s, e);
    const len = e - s;
    const a = this.arena;
    const slots = this.slots;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const slot = slots[2 * i] as number;
      if (slot === 0) return false;
      if (slots[2 * i + 1] !== h) continue;
      const off = slot - 1;
      if (
        ((a[off] as number) |
          ((a[off + 1] as number) << 8) |
          ((a[off + 2] as number) << 16) |
          ((a[off + 3] as number) << 24)) !==
        len
      )
        continue;
      let k = 0;
      while (k < len && a[off + 4 + k] === src[s + k]) k++;
      if (k === len) {
        this.valueAt = off + 4 + len;
        return true;
      }
    }
  }

  /** Inserts a key known to be absent (after `has`). */
  add(src: Uint8Array, s: number, e: number): void {
    this.insert(src, s, e);
  }

  /** Inserts `src[s, e)` (absent: call `has` first); `valueAt` points at its (uninitialised) value bytes. */
  insert(src: Uint8Array, s: number, e: number): void {
    if (this.n >= this.maxEntries) this.clear();
    const len = e - s;
    const need = 4 + len + this.valueLen;
    if (this.used + need > this.arena.length) {
      const next = Buffer.allocUnsafeSlow(Math.max(this.arena.length * 2, this.used + need));
      this.arena.copy(next, 0, 0, this.used);
      this.arena = next;
    }
    const off = this.used;
    const ar = this.arena;
    ar[off] = len & 0xff;
    ar[off + 1] = (len >>> 8) & 0xff;
    ar[off + 2] = (len >>> 16) & 0xff;
    ar[off + 3] = len >>> 24;
    for (let k = 0; k < len; k++) ar[off + 4 + k] = src[s + k] as number;
    this.used += need;
    this.valueAt = off + 4 + len;
    if ((this.n + 1) * 2 > this.mask + 1) this.grow();
    const h = ByteTable.hash(src, s, e);
    let i = h & this.mask;
    while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask;
    this.slots[2 * i] = off + 1;
    this.slots[2 * i + 1] = h;
    this.n++;
  }

  private grow(): void {
    const old = this.slots;
    const size = (this.mask + 1) * 2;
    this.slots = new Int32Array(2 * size);
    this.mask = size - 1;
    for (let j = 0; j < old.length; j += 2) {
      const slot = old[j] as number;
      if (slot === 0) continue;
      const h = old[j + 1] as number;
      let i = h & this.mask;
      while (this.slots[2 * i] !== 0) i = (i + 1) & this.mask;
      this.slots[2 * i] = slot;
      this.slots[2 * i + 1] = h;
    }
  }

  clear(): void {
    this.slots.fill(0);
    this.used = 0;
    this.n = 0;
  }
}
