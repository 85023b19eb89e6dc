/**
 * @module core/assess/types
 * Shared shapes of the assessment engine: a reason (one rule that fired, with its citation) and the
 * scan-report shape field decisions are computed from.
 */
import type { PiClass } from '../infotypes.js';

/** One rule that fired, in a compliance officer's words, with the article that decides it. */
export interface Reason {
  /** Stable snake_case rule id (never changes meaning once shipped). */
  rule: string;
  /** Short citation in English, e.g. `CAC Order 16 Art. 7(2)`. */
  article: string;
  /** The same citation in Chinese, e.g. `《促进和规范数据跨境流动规定》第七条第（二）项`. */
  articleZh: string;
  /** Why it fired, in English. */
  text: string;
  /** Why it fired, in Chinese. */
  textZh: string;
}

/** One column of a scan report (`datapass scan --json`), the part the assessment reads. */
export interface ScanColumnLike {
  name: string;
  /** The dominant identifier type, or null for free text / no identifier. */
  infoType: string | null;
  piClass: PiClass;
  confidence: number;
  /** Identifier types found in the column's values, with their counts (free-text columns). */
  findings: Partial<Record<string, number>>;
  /** The general-data-list field the scanner matched the column to, or `unlisted` (the scanner found none). */
  listField?: string;
}

/** The part of a scan report the assessment reads. Extra keys are ignored. */
export interface ScanReportLike {
  columns: ScanColumnLike[];
}
