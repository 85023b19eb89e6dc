/**
 * @module core/detect/charset
 * A set of BMP characters as a lookup table: `has(charCode)` is one array read (a `Set<number>` hashes).
 */
export class CharSet {
  private readonly table = new Uint8Array(0x10000);
  constructor(chars: Iterable<string> | string) {
    for (const s of chars) for (let i = 0; i < s.length; i++) this.table[s.charCodeAt(i)] = 1;
  }
  /** True when the UTF-16 code unit `c` is in the set. */
  has(c: number): boolean {
    return this.table[c] === 1;
  }
}
