/**
 * @module adapters/sources/xlsx
 * XLSX through exceljs. First version: the workbook is loaded whole (`workbook.xlsx.readFile`). The first
 * worksheet (or `sheet`) is read; its first non-empty row is the header. Cell values: numbers and booleans
 * as text, dates ISO (`YYYY-MM-DD` at midnight UTC, else full ISO), rich text joined, formulas → their cached
 * result, hyperlinks → their text, errors → `#N/A` etc. Cells right of the last header get `column_N` names.
 */
import { stat } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { DataPassError, didYouMean, problem } from '../../core/problems.js';
import { BATCH_ROWS, BaseReader, cleanHeaders, dateToText, fatal, reasonOf, scalarToText } from './base.js';
import type { RowBatch, SourceOptions } from './types.js';

type Worksheet = ExcelJS.Worksheet;

/** Text of one cell value, following the row value rules. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'object') return scalarToText(v);
  if (v instanceof Date) return dateToText(v);
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.richText)) {
    const s = (o.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    return s === '' ? null : s;
  }
  if ('formula' in o || 'sharedFormula' in o) return cellText(o.result);
  if ('text' in o) return cellText(o.text);
  if ('error' in o) return scalarToText(o.error);
  return scalarToText(v);
}

class XlsxReader extends BaseReader {
  readonly format = 'xlsx' as const;
  constructor(
    source: string,
    private ws: Worksheet | undefined,
    private readonly headerRow: number,
    private readonly width: number,
    size: number,
    maxWarnings: number | undefined,
  ) {
    super(source, maxWarnings);
    this.totalBytesKnown = size;
    this.bytes = size;
    this.totalRowsKnown = Math.max(0, ws ? ws.actualRowCount - 1 : 0);
  }

  protected async *batches(): AsyncGenerator<RowBatch> {
    const ws = this.ws;
    if (!ws) return;
    const width = this.width;
    let batch: RowBatch = [];
    for (let r = this.headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row || row.cellCount === 0) continue;
      const values = row.values as unknown[];
      const out: (string | null)[] = new Array(width).fill(null);
      let any = false;
      for (let c = 1; c <= width; c++) {
        const t = cellText(values[c]);
        if (t !== null) {
          out[c - 1] = t;
          any = true;
        }
      }
      if (!any) continue;
      batch.push(out);
      if (batch.length >= BATCH_ROWS) {
        this.rowCount += batch.length;
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      this.rowCount += batch.length;
      yield batch;
    }
  }

  protected async release(): Promise<void> {
    this.ws = undefined;
  }
}

export async function openXlsx(spec: string, opts: SourceOptions): Promise<BaseReader> {
  let size: number;
  try {
    const st = await stat(spec);
    if (st.isDirectory()) fatal('input.file_unreadable', { reason: 'is a directory' }, { file: spec });
    size = st.size;
  } catch (err) {
    if (err instanceof DataPassError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') fatal('input.file_not_found', { file: spec }, { file: spec });
    fatal('input.file_unreadable', { reason: reasonOf(err) }, { file: spec });
  }
  if (size === 0) fatal('input.file_empty', {}, { file: spec });
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.readFile(spec);
  } catch (err) {
    fatal('input.xlsx_corrupt', { reason: reasonOf(err) }, { file: spec });
  }
  const names = wb.worksheets.map((w) => w.name);
  let ws: Worksheet | undefined;
  if (opts.sheet !== undefined) {
    ws = wb.worksheets.find((w) => w.name === opts.sheet);
    if (!ws) {
      const help = didYouMean(opts.sheet, names);
      throw new DataPassError(
        problem('input.sheet_not_found', { sheet: opts.sheet, known: names.join(', ') || '(none)' }, [], {
          location: { file: spec },
          ...(help ? { help } : {}),
        }),
      );
    }
  } else ws = wb.worksheets[0];
  let headerRow = 0;
  let rawHeader: string[] = [];
  if (ws) {
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row || row.cellCount === 0) continue;
      const vals = row.values as unknown[];
      if (!vals.some((v) => cellText(v) !== null)) continue;
      headerRow = r;
      rawHeader = [];
      for (let c = 1; c < vals.length; c++) rawHeader.push(cellText(vals[c]) ?? '');
      break;
    }
  }
  if (!ws || headerRow === 0) fatal('input.file_empty', {}, { file: spec });
  const width = Math.max(rawHeader.length, ws.columnCount);
  while (rawHeader.length < width) rawHeader.push('');
  const reader = new XlsxReader(spec, ws, headerRow, width, size, opts.maxWarnings);
  const loc = { file: spec, row: headerRow };
  reader.setColumns(cleanHeaders(rawHeader, (code, params) => reader.warn(code, params, loc)));
  return reader;
}
