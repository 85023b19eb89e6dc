/**
 * @module core/lists/validate
 * Parses a plain object into a list document: schema first (zod, unknown keys denied), then the semantic
 * checks a schema cannot express. Returns every problem, sorted.
 */
import { isInfoType } from '../infotypes.js';
import { didYouMean, fail, ok, type PathSegment, type Problem, problem, type Result } from '../problems.js';
import { isCalendarDate, zodProblems } from '../zod-problems.js';
import { KNOWN_INFO_TYPES, ListDocument, type ListDocument as ListDocumentT } from './schema.js';

export { isCalendarDate, zodProblems };

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
  if (!parsed.success) return fail(zodProblems(parsed.error, input));
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
