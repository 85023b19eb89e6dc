/**
 * @module core/enforce/check
 * `manifest check` and `manifest init`, the pure parts: does a manifest still agree with the list version in
 * force, what happens to each column of a dataset, and a draft manifest from field decisions.
 */
import type { FieldDecision, FieldTransform } from '../assess/fields.js';
import type { FieldCondition, GeneralDataList, ListField } from '../lists/schema.js';
import { listFields, refOf } from '../lists/schema.js';
import { type Problem, problem } from '../problems.js';
import type { ExportManifest, FieldRule, GeneralizeTo } from './manifest.js';

/** The list field a manifest field stands for: its `listField`, else the field whose id or alias is the path. */
export function listFieldFor(rule: FieldRule, list: GeneralDataList): ListField | undefined {
  const fields = listFields(list);
  if (rule.listField) return fields.find((f) => f.id === rule.listField);
  const leaf = rule.path.split('.').pop() as string;
  return fields.find(
    (f) => f.id === rule.path || f.id === leaf || f.aliases.includes(rule.path) || f.aliases.includes(leaf),
  );
}

function describe(c: FieldCondition): string {
  switch (c.type) {
    case 'pseudonymised':
      return 'pseudonymisation (hash or tokenize)';
    case 'generalised':
      return `generalisation to \`${c.granularity}\``;
    case 'masked':
      return `masking (keep at most first ${c.keepFirst}, last ${c.keepLast})`;
    case 'aggregated_only':
      return 'aggregates only (drop it)';
    default:
      return c.type;
  }
}

/** Whether a rule satisfies one list condition (stronger operators satisfy weaker conditions). */
function satisfies(rule: FieldRule, c: FieldCondition): boolean {
  switch (c.type) {
    case 'pseudonymised':
      return rule.operator === 'hash' || rule.operator === 'tokenize';
    case 'generalised':
      return (
        rule.operator === 'hash' ||
        rule.operator === 'tokenize' ||
        (rule.operator === 'generalize' &&
          (rule.params.to === c.granularity ||
            (c.granularity === 'month' && rule.params.to === 'year') ||
            (c.granularity === 'decimals' &&
              rule.params.to === 'decimals' &&
              (rule.params.decimals ?? 2) <= (c.decimals ?? 2))))
      );
    case 'masked':
      return (
        rule.operator === 'hash' ||
        rule.operator === 'tokenize' ||
        (rule.operator === 'mask' && rule.params.keepFirst <= c.keepFirst && rule.params.keepLast <= c.keepLast)
      );
    case 'aggregated_only':
      return false;
    default:
      return true;
  }
}

/**
 * Compares a manifest with a list version: a field that leaves must be on the list, and its operator must meet
 * every condition the list attaches; recipient types must be allowed. A different version is reported too.
 */
export function checkAgainstList(m: ExportManifest, list: GeneralDataList): Problem[] {
  const out: Problem[] = [];
  const ref = refOf(list);
  if (list.id === m.list.id && list.version !== m.list.version)
    out.push(
      problem('gateway.check_list_version', { list: m.list.id, version: m.list.version, current: list.version }, [
        'list',
        'version',
      ]),
    );
  m.fields.forEach((rule, i) => {
    if (rule.operator === 'drop') return;
    const lf = listFieldFor(rule, list);
    if (!lf) {
      out.push(
        problem(
          'gateway.check_field_not_on_list',
          { path: rule.path, operator: rule.operator, list: ref, field: rule.listField ?? rule.path },
          ['fields', i],
        ),
      );
      return;
    }
    for (const c of lf.conditions) {
      if (c.type === 'recipient_types') {
        if (c.allowed.includes('any')) continue;
        for (const r of m.recipients)
          if (!c.allowed.includes(r.type))
            out.push(
              problem(
                'gateway.check_recipient_type',
                { path: rule.path, allowed: c.allowed.join(', '), type: r.type, recipient: r.name },
                ['fields', i],
              ),
            );
        continue;
      }
      if (c.type === 'requirement') continue;
      if (!satisfies(rule, c))
        out.push(
          problem(
            'gateway.check_condition_unmet',
            { path: rule.path, operator: rule.operator, list: ref, requirement: describe(c) },
            ['fields', i],
          ),
        );
    }
  });
  return out;
}

export type ColumnFate = 'as_is' | 'transformed' | 'dropped' | 'denied' | 'missing';

export interface ColumnRow {
  column: string;
  fate: ColumnFate;
  operator?: string;
  detail: string;
}

/** What happens to each dataset column (and which manifest fields the dataset lacks). */
export function columnFates(m: ExportManifest, columns: readonly string[]): ColumnRow[] {
  const rows: ColumnRow[] = [];
  const used = new Set<string>();
  for (const col of columns) {
    const rule = m.fields.find((f) => f.path === col || col.startsWith(`${f.path}.`));
    if (!rule) {
      rows.push({ column: col, fate: 'denied', detail: 'not in the manifest: dropped (deny by default)' });
      continue;
    }
    used.add(rule.path);
    if (rule.operator === 'drop')
      rows.push({ column: col, fate: 'dropped', operator: 'drop', detail: rule.note ?? 'dropped by the manifest' });
    else if (rule.operator === 'keep')
      rows.push({ column: col, fate: 'as_is', operator: 'keep', detail: 'leaves unchanged' });
    else rows.push({ column: col, fate: 'transformed', operator: rule.operator, detail: operatorDetail(rule) });
  }
  for (const f of m.fields)
    if (!used.has(f.path))
      rows.push({
        column: f.path,
        fate: 'missing',
        operator: f.operator,
        detail: 'named in the manifest, not in the dataset',
      });
  return rows;
}

function operatorDetail(rule: FieldRule): string {
  switch (rule.operator) {
    case 'mask':
      return `masked, keeps first ${rule.params.keepFirst} and last ${rule.params.keepLast}`;
    case 'hash':
      return 'HMAC-SHA256 with the domestic key (64 hex)';
    case 'tokenize':
      return 'random token, mapping in the domestic vault';
    case 'generalize':
      return `generalised to ${rule.params.to}${rule.params.to === 'decimals' ? ` (${rule.params.decimals ?? 2})` : rule.params.to === 'age_band' ? ` (width ${rule.params.width ?? 10})` : ''}`;
    default:
      return rule.operator;
  }
}

export interface DraftOptions {
  id: string;
  version: string;
  issuer: { id: string; name: { zh: string; en: string } };
  exporter: string;
  recipients: Array<{ name: string; type: string; countries: string[] }>;
  list: GeneralDataList;
  effective: string;
  expires: string;
  subjectKeys: string[];
  dataset: string;
}

const GRANULARITY_TO: Record<string, GeneralizeTo> = {
  year: 'year',
  month: 'month',
  age_band: 'age_band',
  region: 'region',
  province: 'province',
  wmi: 'wmi',
  decimals: 'decimals',
  birth_year: 'birth_year',
};

function yamlString(s: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.\-/]*$/.test(s) && !/^(true|false|null|yes|no|on|off|~|\d[\d.]*)$/i.test(s)
    ? s
    : JSON.stringify(s);
}

function comment(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** The operator lines of one decision (YAML, indented for a list item). */
function ruleLines(d: FieldDecision): { lines: string[]; why: string } {
  const lines: string[] = [];
  const why = comment(d.reasons.map((r) => r.text).join('; '));
  const t: FieldTransform | undefined = d.transforms?.find((x) => x.operator !== 'keep');
  let operator = 'drop';
  if (d.decision === 'allowed') operator = 'keep';
  else if (d.decision === 'conditional') operator = d.exported === false ? 'drop' : (t?.operator ?? 'keep');
  lines.push(`    operator: ${operator}`);
  if (operator === 'mask' && t) {
    lines.push(
      '    params:',
      `      keepFirst: ${Number(t.params.keepFirst ?? 0)}`,
      `      keepLast: ${Number(t.params.keepLast ?? 0)}`,
    );
  } else if (operator === 'generalize' && t) {
    const to = GRANULARITY_TO[String(t.params.granularity)] ?? 'year';
    lines.push('    params:', `      to: ${to}`);
    if (t.params.decimals !== undefined) lines.push(`      decimals: ${Number(t.params.decimals)}`);
  }
  return { lines, why };
}

/**
 * A draft manifest as YAML text, with one comment per field saying why: allowed → keep; conditional → the
 * transform the list demands; negative, unlisted, prohibited → drop. Meant for a person to review and edit.
 */
export function draftManifest(decisions: readonly FieldDecision[], o: DraftOptions): string {
  const out: string[] = [];
  out.push(`# Draft export manifest from \`datapass manifest init\` (dataset ${o.dataset}, list ${refOf(o.list)}).`);
  out.push('# Review every field, then sign it: datapass manifest sign THIS.yaml --key KEYFILE');
  out.push('schemaVersion: 1', 'kind: ExportManifest', `id: ${yamlString(o.id)}`, `version: ${o.version}`);
  out.push(
    'issuer:',
    `  id: ${yamlString(o.issuer.id)}`,
    '  name:',
    `    zh: ${JSON.stringify(o.issuer.name.zh)}`,
    `    en: ${JSON.stringify(o.issuer.name.en)}`,
  );
  out.push(`exporter: ${yamlString(o.exporter)}`, 'recipients:');
  for (const r of o.recipients)
    out.push(`  - name: ${yamlString(r.name)}`, `    type: ${r.type}`, `    countries: [${r.countries.join(', ')}]`);
  out.push('list:', `  id: ${o.list.id}`, `  version: ${o.list.version}`);
  out.push(`effective: ${o.effective}`, `expires: ${o.expires}`);
  out.push(`subjectKeys: [${o.subjectKeys.map(yamlString).join(', ')}]`);
  out.push('fields:');
  for (const d of decisions) {
    const { lines, why } = ruleLines(d);
    out.push(`  # ${d.column}: ${d.decision}${d.listField ? ` (list field \`${d.listField}\`)` : ''} — ${why}`);
    for (const t of d.transforms ?? [])
      if (t.operator === 'keep' && t.note) out.push(`  # confirm: ${comment(t.note)}`);
    out.push(`  - path: ${yamlString(d.column)}`, ...lines);
    if (d.listField) out.push(`    listField: ${d.listField}`);
    out.push(`    piClass: ${d.piClass}`);
  }
  out.push('suppress: []');
  return `${out.join('\n')}\n`;
}
