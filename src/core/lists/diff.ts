/**
 * @module core/lists/diff
 * Semantic diff between two versions of a list: what a compliance officer needs to know changed,
 * and whether each change tightens or loosens what may leave.
 */
import canonicalize from 'canonicalize';
import type {
  FieldCondition,
  GeneralDataList,
  ListDocument,
  ListField,
  NegativeEntry,
  NegativeList,
} from './schema.js';

export type Direction = 'tightened' | 'loosened' | 'neutral';

export interface ListChange {
  kind:
    | 'field_added'
    | 'field_removed'
    | 'field_moved'
    | 'pi_class_changed'
    | 'condition_added'
    | 'condition_removed'
    | 'condition_changed'
    | 'info_types_changed'
    | 'aliases_changed'
    | 'names_changed'
    | 'entry_added'
    | 'entry_removed'
    | 'threshold_changed'
    | 'procedure_changed'
    | 'entry_scope_changed'
    | 'metadata_changed';
  /** Field id, entry id, or the metadata key. */
  target: string;
  direction: Direction;
  from?: unknown;
  to?: unknown;
}

export interface ListDiff {
  id: string;
  from: string;
  to: string;
  kind: ListDocument['kind'];
  changes: ListChange[];
  summary: { added: number; removed: number; tightened: number; loosened: number; neutral: number };
}

const PI_RANK = { none: 0, personal: 1, sensitive: 2 } as const;
const PROC_RANK = { contract_or_certification: 1, security_assessment: 2 } as const;
/** Coarser generalisation is tighter. */
const GRAIN_RANK: Record<string, number> = {
  decimals: 1,
  month: 2,
  age_band: 2,
  region: 2,
  birth_year: 3,
  year: 3,
  province: 3,
  wmi: 3,
};

const canon = (v: unknown): string => canonicalize(v) ?? '';

function conditionKey(c: FieldCondition): string {
  return c.type === 'requirement' ? `requirement:${c.text.en}` : c.type;
}

function conditionDirection(a: FieldCondition, b: FieldCondition): Direction {
  if (a.type === 'generalised' && b.type === 'generalised') {
    const ra = GRAIN_RANK[a.granularity] ?? 0;
    const rb = GRAIN_RANK[b.granularity] ?? 0;
    if (a.granularity === 'decimals' && b.granularity === 'decimals')
      return (b.decimals ?? 0) < (a.decimals ?? 0)
        ? 'tightened'
        : (b.decimals ?? 0) > (a.decimals ?? 0)
          ? 'loosened'
          : 'neutral';
    return rb > ra ? 'tightened' : rb < ra ? 'loosened' : 'neutral';
  }
  if (a.type === 'masked' && b.type === 'masked') {
    const ka = a.keepFirst + a.keepLast;
    const kb = b.keepFirst + b.keepLast;
    return kb < ka ? 'tightened' : kb > ka ? 'loosened' : 'neutral';
  }
  if (a.type === 'recipient_types' && b.type === 'recipient_types') {
    const wider = b.allowed.some((x) => !a.allowed.includes(x));
    const narrower = a.allowed.some((x) => !b.allowed.includes(x));
    return narrower && !wider ? 'tightened' : wider && !narrower ? 'loosened' : 'neutral';
  }
  return 'neutral';
}

function diffFields(a: ListField & { category: string }, b: ListField & { category: string }, out: ListChange[]): void {
  const t = a.id;
  if (a.category !== b.category)
    out.push({ kind: 'field_moved', target: t, direction: 'neutral', from: a.category, to: b.category });
  if (a.piClass !== b.piClass)
    out.push({
      kind: 'pi_class_changed',
      target: t,
      direction: PI_RANK[b.piClass] > PI_RANK[a.piClass] ? 'tightened' : 'loosened',
      from: a.piClass,
      to: b.piClass,
    });
  const ca = new Map(a.conditions.map((c) => [conditionKey(c), c]));
  const cb = new Map(b.conditions.map((c) => [conditionKey(c), c]));
  for (const [k, c] of cb) {
    const prev = ca.get(k);
    if (!prev) out.push({ kind: 'condition_added', target: t, direction: 'tightened', to: c });
    else if (canon(prev) !== canon(c))
      out.push({ kind: 'condition_changed', target: t, direction: conditionDirection(prev, c), from: prev, to: c });
  }
  for (const [k, c] of ca)
    if (!cb.has(k)) out.push({ kind: 'condition_removed', target: t, direction: 'loosened', from: c });
  if (canon([...a.infoTypes].sort()) !== canon([...b.infoTypes].sort()))
    out.push({ kind: 'info_types_changed', target: t, direction: 'neutral', from: a.infoTypes, to: b.infoTypes });
  if (canon([...a.aliases].sort()) !== canon([...b.aliases].sort()))
    out.push({ kind: 'aliases_changed', target: t, direction: 'neutral', from: a.aliases, to: b.aliases });
  if (a.zh !== b.zh || a.en !== b.en)
    out.push({
      kind: 'names_changed',
      target: t,
      direction: 'neutral',
      from: { zh: a.zh, en: a.en },
      to: { zh: b.zh, en: b.en },
    });
}

function flat(list: GeneralDataList): Map<string, ListField & { category: string }> {
  const m = new Map<string, ListField & { category: string }>();
  for (const c of list.categories) for (const f of c.fields) m.set(f.id, { ...f, category: c.id });
  return m;
}

function diffGeneral(a: GeneralDataList, b: GeneralDataList, out: ListChange[]): void {
  const fa = flat(a);
  const fb = flat(b);
  for (const [id, f] of fb) {
    const prev = fa.get(id);
    if (!prev)
      out.push({
        kind: 'field_added',
        target: id,
        direction: 'loosened',
        to: { category: f.category, zh: f.zh, en: f.en },
      });
    else diffFields(prev, f, out);
  }
  for (const [id, f] of fa)
    if (!fb.has(id))
      out.push({
        kind: 'field_removed',
        target: id,
        direction: 'tightened',
        from: { category: f.category, zh: f.zh, en: f.en },
      });
  if (canon(a.scenario) !== canon(b.scenario))
    out.push({ kind: 'metadata_changed', target: 'scenario', direction: 'neutral', from: a.scenario, to: b.scenario });
}

function thresholdDirection(a: NegativeEntry['threshold'], b: NegativeEntry['threshold']): Direction {
  // A negative-list entry catches more when its threshold is lower or removed: that is tighter.
  if (!a && b) return 'loosened';
  if (a && !b) return 'tightened';
  if (a && b && a.measure === b.measure) {
    if (b.value < a.value) return 'tightened';
    if (b.value > a.value) return 'loosened';
    if (a.comparison !== b.comparison) return b.comparison === 'gte' ? 'tightened' : 'loosened';
  }
  return 'neutral';
}

function diffNegative(a: NegativeList, b: NegativeList, out: ListChange[]): void {
  const ea = new Map(a.entries.map((e) => [e.id, e]));
  const eb = new Map(b.entries.map((e) => [e.id, e]));
  for (const [id, e] of eb) {
    const prev = ea.get(id);
    if (!prev) {
      out.push({
        kind: 'entry_added',
        target: id,
        direction: 'tightened',
        to: { category: e.category, procedure: e.procedure },
      });
      continue;
    }
    if (canon(prev.threshold ?? null) !== canon(e.threshold ?? null))
      out.push({
        kind: 'threshold_changed',
        target: id,
        direction: thresholdDirection(prev.threshold, e.threshold),
        from: prev.threshold ?? null,
        to: e.threshold ?? null,
      });
    if (prev.procedure !== e.procedure)
      out.push({
        kind: 'procedure_changed',
        target: id,
        direction: PROC_RANK[e.procedure] > PROC_RANK[prev.procedure] ? 'tightened' : 'loosened',
        from: prev.procedure,
        to: e.procedure,
      });
    const scopeA = canon({ i: [...prev.infoTypes].sort(), f: [...prev.fields].sort(), k: [...prev.keywords].sort() });
    const scopeB = canon({ i: [...e.infoTypes].sort(), f: [...e.fields].sort(), k: [...e.keywords].sort() });
    if (scopeA !== scopeB)
      out.push({
        kind: 'entry_scope_changed',
        target: id,
        direction: 'neutral',
        from: { infoTypes: prev.infoTypes, fields: prev.fields, keywords: prev.keywords },
        to: { infoTypes: e.infoTypes, fields: e.fields, keywords: e.keywords },
      });
  }
  for (const [id, e] of ea)
    if (!eb.has(id))
      out.push({
        kind: 'entry_removed',
        target: id,
        direction: 'loosened',
        from: { category: e.category, procedure: e.procedure },
      });
  if (canon([...a.zones].sort()) !== canon([...b.zones].sort()))
    out.push({ kind: 'metadata_changed', target: 'zones', direction: 'neutral', from: a.zones, to: b.zones });
}

/** Computes the semantic diff from `a` to `b` (two versions of the same list id). */
export function diffLists(a: ListDocument, b: ListDocument): ListDiff {
  const changes: ListChange[] = [];
  for (const key of ['effective', 'expires', 'illustrative'] as const) {
    if (a[key] !== b[key])
      changes.push({
        kind: 'metadata_changed',
        target: key,
        direction: 'neutral',
        from: a[key] ?? null,
        to: b[key] ?? null,
      });
  }
  if (canon(a.title) !== canon(b.title))
    changes.push({ kind: 'metadata_changed', target: 'title', direction: 'neutral', from: a.title, to: b.title });
  if (a.kind === 'GeneralDataList' && b.kind === 'GeneralDataList') diffGeneral(a, b, changes);
  else if (a.kind === 'NegativeList' && b.kind === 'NegativeList') diffNegative(a, b, changes);
  const summary = { added: 0, removed: 0, tightened: 0, loosened: 0, neutral: 0 };
  for (const c of changes) {
    if (c.kind === 'field_added' || c.kind === 'entry_added') summary.added++;
    if (c.kind === 'field_removed' || c.kind === 'entry_removed') summary.removed++;
    summary[c.direction]++;
  }
  return { id: b.id, from: a.version, to: b.version, kind: b.kind, changes, summary };
}
