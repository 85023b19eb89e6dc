import { describe, expect, it } from 'vitest';
import { ByteTable } from '../../src/adapters/gateway/byte-table.js';

describe('ByteTable', () => {
  it('finds what was inserted, through growth, and keeps values', () => {
    const t = new ByteTable(4);
    const keys = Array.from({ length: 200_000 }, (_, i) => Buffer.from(`k${i * 7919}`));
    let wrong = 0;
    for (const [i, k] of keys.entries()) {
      if (t.has(k, 0, k.length)) wrong++;
      t.insert(k, 0, k.length);
      t.bytes.writeUInt32LE(i, t.valueAt);
    }
    expect(t.size).toBe(200_000);
    for (const [i, k] of keys.entries()) if (!t.has(k, 0, k.length) || t.bytes.readUInt32LE(t.valueAt) !== i) wrong++;
    expect(wrong).toBe(0);
    expect(t.has(Buffer.from('k1'), 0, 2)).toBe(false);
    const empty = Buffer.alloc(0);
    t.insert(empty, 0, 0);
    expect(t.has(empty, 0, 0)).toBe(true);
  });

  it('clears itself at the entry limit', () => {
    const t = new ByteTable(0, 10);
    for (let i = 0; i < 25; i++) t.insert(Buffer.from(`x${i}`), 0, String(i).length + 1);
    expect(t.size).toBeLessThanOrEqual(10);
  });
});
