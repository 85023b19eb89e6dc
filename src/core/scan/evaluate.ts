/**
 * @module core/scan/evaluate
 * Scores scan reports against ground-truth labels (from `datapass demo data`, or written by hand): column
 * accuracy, per-infoType precision and recall (column level), decoys flagged as identifiers, and for free-text
 * columns whether the infoTypes known to occur inside were found.
 */
import type { InfoType } from '../infotypes.js';
import type { ScanReport } from './report.js';

/** Labels of one dataset: the truth for each column. */
export interface GroundTruth {
  dataset: string;
  seed?: number;
  rows?: number;
  columns: Array<{
    name: string;
    /** The one identifier type of the column, or null. */
    infoType: InfoType | null;
    /** A column made to look like an identifier that is not one (order numbers, SKUs, UUIDs, …). */
    decoy: boolean;
    kind: 'identifier' | 'free_text' | 'other';
    /** Free text: infoTypes planted inside the text. */
    contains?: InfoType[];
  }>;
}

export interface EvaluationResult {
  columns: number;
  correct: number;
  /** correct / columns. */
  columnAccuracy: number;
  decoys: number;
  /** Decoy columns reported with a non-null infoType. */
  decoysFlagged: number;
  perInfoType: Record<string, { tp: number; fp: number; fn: number; precision: number; recall: number }>;
  /** Free-text columns: planted infoTypes found / planted. */
  freeText: { planted: number; found: number };
  /** Every wrong column, for people to read. */
  errors: Array<{ dataset: string; column: string; expected: string | null; got: string | null; decoy: boolean }>;
  /** Labelled columns the report does not have. */
  missing: string[];
}

const r4 = (x: number): number => Math.round(x * 10000) / 10000;

/** Scores one or more (report, labels) pairs together. */
export function evaluateScan(
  pairs: Array<{ report: Pick<ScanReport, 'columns'>; labels: GroundTruth }>,
): EvaluationResult {
  const res: EvaluationResult = {
    columns: 0,
    correct: 0,
    columnAccuracy: 0,
    decoys: 0,
    decoysFlagged: 0,
    perInfoType: {},
    freeText: { planted: 0, found: 0 },
    errors: [],
    missing: [],
  };
  const stat = (t: string) => {
    let s = res.perInfoType[t];
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0 };
      res.perInfoType[t] = s;
    }
    return s;
  };
  for (const { report, labels } of pairs) {
    const byName = new Map(report.columns.map((c) => [c.name, c]));
    for (const lab of labels.columns) {
      const col = byName.get(lab.name);
      if (!col) {
        res.missing.push(`${labels.dataset}:${lab.name}`);
        continue;
      }
      res.columns++;
      const got = col.infoType;
      const want = lab.infoType;
      if (got === want) {
        res.correct++;
        if (want) stat(want).tp++;
      } else {
        if (got) stat(got).fp++;
        if (want) stat(want).fn++;
        res.errors.push({ dataset: labels.dataset, column: lab.name, expected: want, got, decoy: lab.decoy });
      }
      if (lab.decoy) {
        res.decoys++;
        if (got !== null) res.decoysFlagged++;
      }
      if (lab.kind === 'free_text' && lab.contains) {
        for (const t of lab.contains) {
          res.freeText.planted++;
          if ((col.findings[t] ?? 0) > 0) res.freeText.found++;
        }
      }
    }
  }
  res.columnAccuracy = res.columns === 0 ? 0 : r4(res.correct / res.columns);
  for (const s of Object.values(res.perInfoType)) {
    s.precision = s.tp + s.fp === 0 ? 1 : r4(s.tp / (s.tp + s.fp));
    s.recall = s.tp + s.fn === 0 ? 1 : r4(s.tp / (s.tp + s.fn));
  }
  res.perInfoType = Object.fromEntries(Object.entries(res.perInfoType).sort(([a], [b]) => a.localeCompare(b)));
  return res;
}
