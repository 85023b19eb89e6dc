/** Red team 2 writers: CSV (quoted as needed; `;`, `|` or tab delimiters, BOM, GBK) and NDJSON. Own code. */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { Dataset2 } from './datasets.js';

const quote = (v: string | null, d: string): string =>
  v === null ? '' : /["\r\n]/.test(v) || v.includes(d) ? `"${v.replace(/"/g, '""')}"` : v;

export function toCsv(ds: Dataset2, file: string, opts: { delimiter: string; bom?: boolean; gbk?: boolean }): void {
  const d = opts.delimiter;
  const body = [ds.columns, ...ds.rows].map((row) => row.map((v) => quote(v, d)).join(d)).join('\r\n');
  const text = `${opts.bom ? '\ufeff' : ''}${body}\r\n`;
  writeFileSync(file, opts.gbk ? iconv.encode(text, 'gbk') : text);
}

export function toNdjson(ds: Dataset2, file: string): void {
  const lines = ds.rows.map((row) => JSON.stringify(Object.fromEntries(ds.columns.map((c, i) => [c, row[i] ?? null]))));
  writeFileSync(file, `${lines.join('\n')}\n`);
}
