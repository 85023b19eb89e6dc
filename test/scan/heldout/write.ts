/**
 * Writes red-team datasets the way real exports look: CSV (RFC 4180 quoting, optional BOM, GBK, tab or comma
 * delimiter) and NDJSON (short plain numbers of non-identifier columns as JSON numbers). Independent of
 * `src/adapters/scan/write-dataset.ts`.
 */
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import type { HeldoutDataset } from './datasets.js';

export interface CsvStyle {
  delimiter?: ',' | '\t' | ';';
  bom?: boolean;
  encoding?: 'utf-8' | 'gbk';
  crlf?: boolean;
}

function field(v: string | null, delimiter: string): string {
  if (v === null) return '';
  if (v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r'))
    return `"${v.replaceAll('"', '""')}"`;
  return v;
}

export function writeCsv(ds: HeldoutDataset, file: string, style: CsvStyle = {}): void {
  const d = style.delimiter ?? ',';
  const eol = style.crlf ? '\r\n' : '\n';
  const lines = [ds.columns.map((c) => field(c, d)).join(d)];
  for (const row of ds.rows) lines.push(row.map((v) => field(v, d)).join(d));
  const text = (style.bom ? '\ufeff' : '') + lines.join(eol) + eol;
  writeFileSync(file, style.encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
}

export function writeNdjson(ds: HeldoutDataset, file: string): void {
  const numeric = ds.labels.columns.map((c) => c.kind === 'other' && c.infoType === null && !c.decoy);
  const lines: string[] = [];
  for (const row of ds.rows) {
    const o: Record<string, unknown> = {};
    ds.columns.forEach((c, i) => {
      const v = row[i] ?? null;
      o[c] = numeric[i] && v !== null && /^-?\d{1,9}(\.\d*[1-9])?$/.test(v) ? Number(v) : v;
    });
    lines.push(JSON.stringify(o));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
