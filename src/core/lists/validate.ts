/**
 * @module core/lists/validate
 * Parses a plain object into a list document: schema first (zod, unknown keys denied), then the semantic
 * checks a schema cannot express. Returns every problem, sorted.
 */
import type { z } from 'zod';
import { isCalendarDate as isRealDate } from '../detect/checksums.js';
import { isInfoType } from '../infotypes.js';
import { didYouMean, fail, ok, type PathSegment, type Problem, problem, type Result } from '../problems.js';
import { KNOWN_INFO_TYPES, ListDocument, type ListDocument as ListDocumentT } from './schema.js';

/** Translates zod issues into DataPass problems. */
export function zodProblems(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    const path = issue.path.filter((p): p is PathSegment => typeof p !== 'symbol');
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) out.push(problem('schema.unknown_key', { key }, [...path, key]));
        break;
      case 'invalid_type': {
        const received = /received (\w+)/.exec(issue.message)?.[1] ?? 'another type';
        if (received === 'undefined') {
          const key = String(path[path.length - 1] ?? '');
          out.push(problem('schema.missing_key', { key }, path));
        } else out.push(problem('schema.invalid_type', { expected: issue.expected, received }, path));
        break;
      }
      case 'invalid_format':
        out.push(problem('schema.invalid_format', { format: issue.format, detail: detailOf(issue.message) }, path));
        break;
      case 'too_small':
        out.push(problem('schema.too_small', { detail: boundOf(issue.message) }, path));
        break;
      case 'too_big':
        out.push(problem('schema.too_big', { detail: boundOf(issue.message) }, path));
        break;
      case 'invalid_value':
        out.push(
          problem(
            'schema.invalid_value',
            { detail: `: expected one of ${issue.values.map((v) => `\`${String(v)}\``).join(', ')}` },
            path,
          ),
        );
        break;
      case 'invalid_union': {
        const disc = (issue as { note?: string }).note;
        out.push(problem('schema.invalid_value', { detail: disc ? `: ${disc.toLowerCase()}` : '' }, path));
        break;
      }
      default:
        out.push(problem('schema.invalid_value', { detail: detailOf(issue.message) }, path));
    }
  }
  return out;
}

/** `Too big: expected number to be <=5` → `expected number to be <=5` (the template already says "too big"). */
function boundOf(message: string): string {
  const m = message.replace(/^Too (big|small):\s*/i, '').trim();
  return m ? `${m.charAt(0).toLowerCase()}${m.slice(1)}` : message;
}

function detailOf(message: string): string {
  const m = message.replace(/^Invalid (input|string)(: )?/i, '').trim();
  return m ? `: ${m.charAt(0).toLowerCase()}${m.slice(1)}` : '';
}

/** True for a real calendar date YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Normalises a header alias for matching: lower case, no spaces, `-`, `_` or full-width spaces. */
export function normaliseAlias(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.·/()（）]+/g, '');
}

function checkDates(doc: { effective: string; expires?: string | undefined }, out: Problem[]): void {
  if (!isCalendarDate(doc.effective)) out.push(problem('list.invalid_date', { value: doc.effective }, ['effective']));
  if (doc.expires !== undefined) {
    if (!isCalendarDate(doc.expires)) out.push(problem('list.invalid_date', { value: doc.expires }, ['expires']));
    else if (doc.expires < doc.effective)
      out.push(
        problem('list.expiry_before_effective', { expires: doc.expires, effective: doc.effective }, ['expires']),
      );
  }
}

function checkInfoTypes(types: readonly string[], base: PathSegment[], out: Problem[]): void {
  types.forEach((t, i) => {
    if (!isInfoType(t)) {
      const help = didYouMean(t, KNOWN_INFO_TYPES);
      out.push(problem('list.unknown_info_type', { infoType: t }, [...base, 'infoTypes', i], help ? { help } : {}));
    }
  });
}

/** Semantic checks on a schema-valid document. */
export function semanticProblems(doc: ListDocumentT): Problem[] {
  const out: Problem[] = [];
  checkDates(doc, out);
  if (doc.kind === 'GeneralDataList') {
    const cats = new Map<string, string>();
    const fields = new Map<string, string>();
    const aliases = new Map<string, string>();
    doc.categories.forEach((c, ci) => {
      const cpath = `categories[${ci}]`;
      const firstCat = cats.get(c.id);
      if (firstCat)
        out.push(problem('list.duplicate_category_id', { id: c.id, first: firstCat }, ['categories', ci, 'id']));
      else cats.set(c.id, cpath);
      c.fields.forEach((f, fi) => {
        const base: PathSegment[] = ['categories', ci, 'fields', fi];
        const fpath = `${cpath}.fields[${fi}]`;
        const first = fields.get(f.id);
        if (first) out.push(problem('list.duplicate_field_id', { id: f.id, first }, [...base, 'id']));
        else fields.set(f.id, fpath);
        checkInfoTypes(f.infoTypes, base, out);
        f.aliases.forEach((a, ai) => {
          const key = normaliseAlias(a);
          const owner = aliases.get(key);
          if (owner && owner !== f.id)
            out.push(
              problem('list.alias_conflict', { alias: a, first: owner, second: f.id }, [...base, 'aliases', ai]),
            );
          else aliases.set(key, f.id);
        });
      });
    });
  } else {
    const ids = new Map<string, string>();
    doc.entries.forEach((e, ei) => {
      const first = ids.get(e.id);
      if (first) out.push(problem('list.duplicate_entry_id', { id: e.id, first }, ['entries', ei, 'id']));
      else ids.set(e.id, `entries[${ei}]`);
      checkInfoTypes(e.infoTypes, ['entries', ei], out);
    });
  }
  return out;
}

/** Schema + semantic validation of a parsed document. */
export function parseListDocument(input: unknown): Result<ListDocumentT> {
  const parsed = ListDocument.safeParse(input);
  if (!parsed.success) return fail(zodProblems(parsed.error));
  const problems = semanticProblems(parsed.data);
  if (problems.some((p) => p.severity === 'error')) return fail(problems);
  return ok(parsed.data, problems);
}

/** Compares versions numerically segment by segment (`1.10` > `1.9`). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}
