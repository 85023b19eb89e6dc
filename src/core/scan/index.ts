/**
 * @module core/scan
 * Pure column classification for `datapass scan`: header lexicon + value detectors → one verdict per column.
 *
 * ```ts
 * // small, in-memory (tests, the gateway on a batch):
 * const columns = classifyColumns(['姓名', 'sfzh', 'c07'], rows, { today: '2025-01-01' });
 * // streaming (every value through the detectors, constant memory):
 * const acc = createColumnScanner(names, { today });
 * for (const batch of batches) acc.push(batch);
 * const columns = acc.finish();
 * // a list:
 * const mapped = mapToList(report, list);
 * ```
 */
export { type ClassifyOptions, type ColumnScanner, classifyColumns, createColumnScanner } from './classify.js';
export { type EvaluationResult, evaluateScan, type GroundTruth } from './evaluate.js';
export { findInText, type TextSpan } from './freetext.js';
export { HEADER_LEXICON, type LexiconEntry, matchHeader } from './lexicon.js';
export { mapToList } from './map-list.js';
export type { ColumnEvidence, ColumnKind, HeaderEvidence, HeaderSignal, ScanColumn, ScanReport } from './report.js';
