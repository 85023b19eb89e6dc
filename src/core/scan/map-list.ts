/**
 * @module core/scan/map-list
 * Maps scanned columns to the fields of a general data list. A column realises a field when
 * 1. its name equals one of the field's aliases, its id, or its zh/en name (normalised like list aliases), and
 *    the column's infoType (if any) is one the field covers — a field with no infoTypes covers no identifier; or
 * 2. its infoType is one the field lists (first such field in document order; by name wins over by infoType).
 * Otherwise it is `unlisted`. List fields that no column realises are reported as `unmatchedListFields`.
 */
import { type GeneralDataList, type ListField, listFields } from '../lists/schema.js';
import { normaliseAlias } from '../lists/validate.js';
import type { ScanColumn, ScanReport } from './report.js';

type Field = ListField & { category: string };

/** Returns a copy of the report with `listField` on every column, `list` and `unmatchedListFields`. */
export function mapToList<R extends Pick<ScanReport, 'columns'>>(
  report: R,
  list: GeneralDataList,
): R & { list: { id: string; version: string }; unmatchedListFields: string[] } {
  const fields = listFields(list);
  const byName = new Map<string, { field: Field; term: string; by: 'alias' | 'name' }>();
  for (const f of fields) {
    const add = (term: string, by: 'alias' | 'name'): void => {
      const k = normaliseAlias(term);
      if (k !== '' && !byName.has(k)) byName.set(k, { field: f, term, by });
    };
    add(f.id, 'name');
    for (const a of f.aliases) add(a, 'alias');
    add(f.zh, 'name');
    add(f.en, 'name');
  }
  const used = new Set<string>();
  const columns: ScanColumn[] = report.columns.map((col) => {
    const out: ScanColumn = { ...col, evidence: { ...col.evidence } };
    const hit = byName.get(normaliseAlias(col.name));
    const covers = (f: Field): boolean => col.infoType === null || f.infoTypes.includes(col.infoType);
    if (hit && covers(hit.field)) {
      out.listField = hit.field.id;
      out.evidence.listMatch = { by: hit.by, term: hit.term };
    } else {
      const f = col.infoType === null ? undefined : fields.find((x) => x.infoTypes.includes(col.infoType as string));
      if (f) {
        out.listField = f.id;
        out.evidence.listMatch = { by: 'infoType', term: col.infoType as string };
      } else {
        out.listField = 'unlisted';
        if (hit)
          out.evidence.reason += `; list field \`${hit.field.id}\` has this name but does not cover ${col.infoType}`;
      }
    }
    if (out.listField !== 'unlisted') used.add(out.listField as string);
    return out;
  });
  return {
    ...report,
    columns,
    list: { id: list.id, version: list.version },
    unmatchedListFields: fields.filter((f) => !used.has(f.id)).map((f) => f.id),
  };
}
