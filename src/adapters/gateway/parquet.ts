/**
 * @module adapters/gateway/parquet
 * Parquet output: the transformed NDJSON lines are gathered into columns and written with `hyparquet-writer`
 * when the batch ends. A column whose values are all JSON numbers becomes DOUBLE, all booleans BOOLEAN, anything
 * else STRING (objects and arrays as JSON text). Parquet is written whole, so this sink holds the transformed
 * batch in memory (the transformed data only; the input still streams).
 */
import { parquetWriteBuffer } from 'hyparquet-writer';

export interface ParquetCollector {
  add(ndjsonBytes: Uint8Array): void;
  finish(): Promise<Uint8Array>;
}

export function parquetCollector(columns: string[]): ParquetCollector {
  const data: unknown[][] = columns.map(() => []);
  const get = (o: unknown, path: string): unknown => {
    let cur = o;
    for (const seg of path.split('.')) {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return null;
      cur = (cur as Record<string, unknown>)[seg];
    }
    return cur === undefined ? null : cur;
  };
  return {
    add(bytes) {
      const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const rec = JSON.parse(line) as unknown;
        columns.forEach((c, i) => {
          (data[i] as unknown[]).push(get(rec, c));
        });
      }
    },
    async finish() {
      const columnData = columns.map((name, i) => {
        const vals = data[i] as unknown[];
        const nonNull = vals.filter((v) => v !== null);
        if (nonNull.length > 0 && nonNull.every((v) => typeof v === 'number'))
          return { name, data: vals, type: 'DOUBLE' as const };
        if (nonNull.length > 0 && nonNull.every((v) => typeof v === 'boolean'))
          return { name, data: vals, type: 'BOOLEAN' as const };
        return {
          name,
          data: vals.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))),
          type: 'STRING' as const,
        };
      });
      return new Uint8Array(parquetWriteBuffer({ columnData }));
    },
  };
}
