/**
 * @module core/scan/report
 * The scan report: what `datapass scan --json` prints and what `scanSource()` / `classifyColumns()` return.
 * Other tools read these keys; they are stable. Documented in docs/scan.md.
 */
import type { InfoType, PiClass } from '../infotypes.js';

/** What a column is: one identifier type, prose with identifiers inside, a mix of identifier types, or neither. */
export type ColumnKind = 'identifier' | 'free_text' | 'mixed' | 'other';

/** Header evidence: the lexicon term the column name matched. */
export interface HeaderEvidence {
  /** The lexicon entry matched: an infoType name, or a signal (`phone`, `free_text`, `not_pi`, `latitude`, …). */
  signal: InfoType | HeaderSignal;
  /** The infoTypes this header supports (empty for `free_text` and `not_pi`). */
  supports: InfoType[];
  /** The lexicon term that matched (normalised). */
  term: string;
  /** `exact`: the whole (normalised) header is the term; `partial`: the term occurs inside it. */
  match: 'exact' | 'partial';
}

/** Header signals that are not infoTypes. */
export type HeaderSignal = 'phone' | 'id_document' | 'free_text' | 'not_pi' | 'latitude' | 'longitude';

/** Why a column got its verdict. */
export interface ColumnEvidence {
  /** The header lexicon match, or null when the name says nothing (`c07`). */
  header: HeaderEvidence | null;
  /** Share (0..1, 3 decimals) of non-empty values each detector accepted; only shares > 0 are listed. */
  values: Partial<Record<InfoType, number>>;
  /** Number of non-empty values the shares were computed on. */
  valuesChecked: number;
  /** For free-text columns: share of non-empty values in which each infoType occurs at least once. */
  textShare?: Partial<Record<InfoType, number>>;
  /** One line in English saying how the verdict was reached (stable wording, for people). */
  reason: string;
  /** With `--list`: how the list field was matched. */
  listMatch?: { by: 'alias' | 'name' | 'infoType'; term: string };
}

export interface ScanColumn {
  name: string;
  /** The one identifier type the column holds, or null (free text, mixed, not personal data). */
  infoType: InfoType | null;
  /** `none` | `personal` | `sensitive`: the infoType's class; for free text/mixed the highest class found. */
  piClass: PiClass;
  /** Confidence in the verdict (including a null verdict), in [0, 1]. */
  confidence: number;
  /** infoType → number of values (identifier columns) or text spans (free text) found. */
  findings: Partial<Record<InfoType, number>>;
  evidence: ColumnEvidence;
  /** With `--list`: the list field id the column realises, or `unlisted`. Absent without a list. */
  listField?: string;
  kind: ColumnKind;
  /** True for free-text columns (prose), whose findings are spans inside the text. */
  freeText: boolean;
  /** Non-empty values seen (sampled rows, or every row with `--full`). */
  nonEmpty: number;
}

export interface ScanReport {
  /** The source spec as given. */
  source: string;
  /** Format the reader used (`csv`, `tsv`, `ndjson`, `json`, `parquet`, `xlsx`, `sqlite`, `postgres`). */
  format: string;
  /** Rows whose values went through the detectors (the sample, or every row with `--full`). */
  rowsScanned: number;
  /** Rows read from the source (≥ rowsScanned when sampling). */
  rowsRead: number;
  /** True when rowsScanned is a uniform sample of rowsRead. */
  sampled: boolean;
  columns: ScanColumn[];
  /** With `--list`: the list used. */
  list?: { id: string; version: string };
  /** With `--list`: list fields no column realises. */
  unmatchedListFields?: string[];
  /** Number of reader warnings (skipped rows, renamed headers, …). */
  warnings: number;
  /** The first reader warnings (code, message params, location). */
  warningDetails?: Array<{ code: string; params: Record<string, string | number>; location?: Record<string, unknown> }>;
  /** The encoding of a text source. */
  encoding?: string;
}
