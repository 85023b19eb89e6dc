/**
 * @module core/problems
 * Problems are data: a stable code, a path into the input, parameters, and where it happened.
 * Wording lives apart, in `messages/en.ts` and `messages/zh.ts`.
 */

/** What a problem means for the caller: `input` → exit 2, `blocking` → exit 1. */
export type ProblemKind = 'input' | 'blocking' | 'internal';

/**
 * The catalogue of problem codes. Add codes here, and a message for each in both locales
 * (a parity test checks it) and a line in docs/errors.md (another test checks that).
 */
export const PROBLEM_CODES = {
  // usage and files
  'usage.invalid_argument': 'input',
  'usage.missing_argument': 'input',
  'usage.unknown_command': 'input',
  'usage.unknown_option': 'input',
  'usage.too_many_arguments': 'input',
  'input.file_not_found': 'input',
  'input.file_unreadable': 'input',
  'input.file_too_large': 'input',
  'input.file_empty': 'input',
  'input.not_utf8': 'input',
  'input.binary_file': 'input',
  'input.yaml_syntax': 'input',
  'input.json_syntax': 'input',
  'input.unsupported_format': 'input',
  'input.wrong_document': 'input',
  'output.write_failed': 'input',
  // schema validation (zod issues, translated)
  'schema.invalid_type': 'input',
  'schema.unknown_key': 'input',
  'schema.missing_key': 'input',
  'schema.invalid_value': 'input',
  'schema.invalid_format': 'input',
  'schema.too_small': 'input',
  'schema.too_big': 'input',
  // list documents
  'list.duplicate_field_id': 'input',
  'list.duplicate_category_id': 'input',
  'list.duplicate_entry_id': 'input',
  'list.unknown_info_type': 'input',
  'list.invalid_date': 'input',
  'list.expiry_before_effective': 'input',
  'list.alias_conflict': 'input',
  'list.not_found': 'input',
  'list.version_not_found': 'input',
  'list.no_version_in_force': 'input',
  'list.invalid_ref': 'input',
  'list.kind_mismatch': 'input',
  'list.already_imported': 'input',
  // trust and signatures
  'trust.signature_missing': 'blocking',
  'trust.key_id_missing': 'blocking',
  'trust.key_unknown': 'blocking',
  'trust.key_revoked': 'blocking',
  'trust.key_not_valid_now': 'blocking',
  'trust.alg_unsupported': 'blocking',
  'trust.signature_malformed': 'blocking',
  'trust.signature_invalid': 'blocking',
  'trust.issuer_mismatch': 'blocking',
  'trust.kind_not_allowed': 'blocking',
  'trust.document_expired': 'blocking',
  'trust.document_not_yet_effective': 'blocking',
  'trust.store_empty': 'blocking',
  'keys.invalid_key_file': 'input',
  'keys.exists': 'input',
  'keys.key_file_unreadable': 'input',
  // export ledger
  'ledger.intent_invalid': 'input',
  'ledger.intent_not_found': 'input',
  'ledger.intent_not_pending': 'input',
  'ledger.batch_not_found': 'input',
  'ledger.empty': 'input',
  'ledger.not_found': 'input',
  'ledger.invalid_size': 'input',
  'ledger.no_head_at_size': 'input',
  'ledger.tampered': 'blocking',
  'ledger.proof_invalid': 'blocking',
  'ledger.key_invalid': 'input',
  'ledger.evidence_not_found': 'input',
  'ledger.evidence_unreadable': 'blocking',
  'ledger.evidence_mismatch': 'blocking',
  // dataset sources (src/adapters/sources)
  'input.line_too_long': 'input',
  'input.csv_ragged_row': 'input',
  'input.csv_unclosed_quote': 'input',
  'input.duplicate_column': 'input',
  'input.blank_column': 'input',
  'input.ndjson_bad_line': 'input',
  'input.json_not_array': 'input',
  'input.json_bad_element': 'input',
  'input.parquet_corrupt': 'input',
  'input.xlsx_corrupt': 'input',
  'input.sheet_not_found': 'input',
  'input.table_not_found': 'input',
  'input.database_error': 'input',
  'input.unknown_encoding': 'input',
  'input.invalid_source': 'input',
  // export gateway (src/core/enforce, src/adapters/gateway)
  'gateway.duplicate_field_path': 'input',
  'gateway.forbidden_path': 'input',
  'gateway.overlapping_paths': 'input',
  'gateway.suppress_condition': 'input',
  'gateway.duplicate_recipient': 'input',
  'gateway.recipient_required': 'input',
  'gateway.recipient_not_allowed': 'blocking',
  'gateway.country_required': 'input',
  'gateway.country_not_allowed': 'blocking',
  'gateway.manifest_revoked': 'blocking',
  'gateway.ledger_unavailable': 'blocking',
  'gateway.ledger_failed_after_send': 'blocking',
  'gateway.rejects_failed_after_send': 'blocking',
  'gateway.strict_rejected': 'input',
  'gateway.nothing_sent': 'input',
  'gateway.output_closed': 'blocking',
  'gateway.csv_duplicate_header': 'input',
  'gateway.csv_no_header': 'input',
  'gateway.record_bad_json': 'input',
  'gateway.record_duplicate_key': 'input',
  'gateway.record_proto_key': 'input',
  'gateway.record_invalid_utf8': 'input',
  'gateway.record_too_long': 'input',
  'gateway.record_ragged': 'input',
  'gateway.record_unclosed_quote': 'input',
  'gateway.record_bad_csv': 'input',
  'gateway.record_subject_key_missing': 'input',
  'gateway.record_subject_key_not_scalar': 'input',
  'gateway.check_field_not_on_list': 'blocking',
  'gateway.check_condition_unmet': 'blocking',
  'gateway.check_list_version': 'blocking',
  'gateway.check_recipient_type': 'blocking',
  // assessment (src/core/assess)
  'assess.unknown_zone': 'input',
  'assess.list_not_in_force': 'input',
  'assess.count_too_large': 'input',
  'assess.volumes_missing': 'input',
  'assess.unknown_fact': 'input',
  'assess.fact_type': 'input',
  'assess.duplicate_rule_id': 'input',
  'assess.duplicate_rule_order': 'input',
  'assess.no_rules_file': 'input',
  'assess.prohibited': 'blocking',
  // scan (src/core/scan, datapass scan / evaluate)
  'scan.not_a_report': 'input',
  'scan.not_labels': 'input',
} as const satisfies Record<string, ProblemKind>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

export type Severity = 'error' | 'warning';

/** Where a problem happened: a place in a text file, or a place in a dataset. */
export interface Location {
  file?: string;
  line?: number;
  col?: number;
  row?: number;
  column?: string;
  byte?: number;
}

export type PathSegment = string | number;

export interface Problem {
  code: ProblemCode;
  /** Path inside the document, e.g. `['categories', 2, 'fields', 0, 'id']`. */
  path: PathSegment[];
  severity: Severity;
  params: Record<string, string | number>;
  location?: Location;
  /** A hint such as "did you mean `vin`?". */
  help?: string;
}

export type Result<T> = { ok: true; value: T; warnings: Problem[] } | { ok: false; problems: Problem[] };

export function ok<T>(value: T, warnings: Problem[] = []): Result<T> {
  return { ok: true, value, warnings };
}

export function fail<T = never>(problems: Problem[]): Result<T> {
  return { ok: false, problems: sortProblems(problems) };
}

/** Builds an error-severity problem. */
export function problem(
  code: ProblemCode,
  params: Record<string, string | number> = {},
  path: PathSegment[] = [],
  extra: { location?: Location; help?: string; severity?: Severity } = {},
): Problem {
  const p: Problem = { code, path, severity: extra.severity ?? 'error', params };
  if (extra.location) p.location = extra.location;
  if (extra.help) p.help = extra.help;
  return p;
}

export function kindOf(code: ProblemCode): ProblemKind {
  return PROBLEM_CODES[code];
}

/** Renders a path as `categories[2].fields[0].id`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

function locKey(p: Problem): [string, number, number, string] {
  const l = p.location ?? {};
  return [l.file ?? '', l.line ?? l.row ?? 0, l.col ?? l.byte ?? 0, formatPath(p.path)];
}

/** Sorts problems by file, line, column, then path, so output is stable. */
export function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((a, b) => {
    const ka = locKey(a);
    const kb = locKey(b);
    for (let i = 0; i < ka.length; i++) {
      const x = ka[i] as string | number;
      const y = kb[i] as string | number;
      if (x < y) return -1;
      if (x > y) return 1;
    }
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
}

/** The one error type that crosses an edge: carries problems, never a bare string. */
export class DataPassError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem | Problem[], options?: { cause?: unknown }) {
    const list = Array.isArray(problems) ? problems : [problems];
    super(list.map((p) => p.code).join(', '), options);
    this.name = 'DataPassError';
    this.problems = list;
  }
  get code(): ProblemCode {
    return (this.problems[0] as Problem).code;
  }
}

/** Levenshtein distance for did-you-mean hints. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = cur;
  }
  return prev[n] as number;
}

/** Returns "did you mean `x`?" when a candidate is close enough. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  const list = [...candidates];
  // A candidate the input contains (or that contains the input) is the likeliest meaning: `VIN_NUMBER` → `VIN`.
  const contained = list
    .filter((c) => c.length >= 2 && (lower.includes(c.toLowerCase()) || c.toLowerCase().includes(lower)))
    .sort((a, b) => b.length - a.length)[0];
  if (contained) return `did you mean \`${contained}\`?`;
  let best: string | undefined;
  let bestD = Number.POSITIVE_INFINITY;
  for (const c of list) {
    const d = editDistance(input.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  return bestD <= Math.max(2, Math.floor(input.length / 3)) ? `did you mean \`${best}\`?` : undefined;
}
