/**
 * @module core/documents
 * The kinds of document DataPass reads, so that a file given in the wrong place can be named for what it is
 * (`input.wrong_document`). A kind travels as an id in the problem's params; each message catalogue names it
 * in its own language (`documentKindsEn` in messages/en.ts, `documentKindsZh` in messages/zh.ts).
 */

export const DOCUMENT_KINDS = [
  'transfer-profile',
  'scan-report',
  'labels',
  'assessment',
  'ledger-proof',
  'proof',
  'tree-head',
  'general-data-list',
  'negative-list',
  'export-manifest',
  'object',
  'array',
  'null',
  'string',
  'number',
  'boolean',
] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export function isDocumentKind(s: unknown): s is DocumentKind {
  return typeof s === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(s);
}

const LIST_KINDS: Record<string, DocumentKind> = {
  GeneralDataList: 'general-data-list',
  NegativeList: 'negative-list',
  ExportManifest: 'export-manifest',
};

/** What kind of DataPass document a parsed value looks like (`undefined`: not one DataPass recognises). */
export function documentKindOf(v: unknown): DocumentKind | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  if (Array.isArray(v)) return 'array';
  const o = v as Record<string, unknown>;
  if (typeof o.kind === 'string' && Object.hasOwn(LIST_KINDS, o.kind)) return LIST_KINDS[o.kind];
  const cols = Array.isArray(o.columns) ? (o.columns as unknown[]) : undefined;
  const first = cols?.[0] as Record<string, unknown> | undefined;
  if (cols && typeof o.dataset === 'string' && (first === undefined || 'decoy' in first)) return 'labels';
  if (cols && ('rowsScanned' in o || 'format' in o || (first !== undefined && 'piClass' in first)))
    return 'scan-report';
  if ('exporter' in o && 'recipient' in o) return 'transfer-profile';
  if ('pathway' in o && 'fields' in o) return 'assessment';
  if ('leafIndex' in o || 'oldSize' in o) return 'ledger-proof';
  return undefined;
}

/** The kind of any parsed JSON/YAML value: a DataPass document kind, else `object`, `array`, `null`, … */
export function valueKindOf(v: unknown): DocumentKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return typeof v as DocumentKind;
  return documentKindOf(v) ?? 'object';
}
