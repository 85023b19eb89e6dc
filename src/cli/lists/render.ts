/**
 * @module cli/lists/render
 * Human renderings of lists and diffs.
 */
import type { ListChange, ListDiff } from '../../core/lists/diff.js';
import { type ListDocument, listFields } from '../../core/lists/schema.js';
import type { Lang } from '../../core/messages/index.js';
import { renderTable } from '../table.js';

const name = (b: { zh: string; en: string }, lang: Lang) => (lang === 'zh' ? b.zh : b.en);

function conditionText(c: Record<string, unknown>): string {
  switch (c.type) {
    case 'pseudonymised':
      return 'pseudonymised';
    case 'aggregated_only':
      return 'aggregated only';
    case 'generalised':
      return `generalised to ${c.granularity === 'decimals' ? `${String(c.decimals)} decimals` : String(c.granularity)}`;
    case 'masked':
      return `masked (keep first ${String(c.keepFirst)}, last ${String(c.keepLast)})`;
    case 'recipient_types':
      return `recipients: ${(c.allowed as string[]).join('/')}`;
    case 'requirement':
      return `requirement: ${(c.text as { en: string }).en}`;
    default:
      return String(c.type);
  }
}

export function renderListDocument(doc: ListDocument, status: string, lang: Lang): string {
  const lines: string[] = [];
  lines.push(`${doc.id}@${doc.version}  ${name(doc.title, lang)}`);
  lines.push(
    `kind: ${doc.kind}   status: ${status}   effective: ${doc.effective}${doc.expires ? ` → ${doc.expires}` : ''}`,
  );
  lines.push(
    `issuer: ${doc.issuer.id} (${name(doc.issuer.name, lang)})${doc.signature?.keyId ? `   signed by key ${doc.signature.keyId}` : '   UNSIGNED'}`,
  );
  if (doc.illustrative) lines.push('illustrative: yes — not the official field text');
  if (doc.kind === 'GeneralDataList') {
    lines.push(
      `domain: ${doc.domain}   zone: ${doc.zone}   scenario: ${doc.scenario.id} (${name(doc.scenario, lang)})`,
    );
    for (const c of doc.categories) {
      lines.push('');
      lines.push(`[${c.id}] ${name(c, lang)}`);
      lines.push(
        renderTable(
          ['field', lang === 'zh' ? '名称' : 'name', 'PI', 'infoTypes', 'conditions'],
          c.fields.map((f) => [
            f.id,
            name(f, lang),
            f.piClass,
            f.infoTypes.join(',') || '-',
            f.conditions.map((x) => conditionText(x as Record<string, unknown>)).join('; ') || '-',
          ]),
        ),
      );
    }
    lines.push('');
    lines.push(`${listFields(doc).length} fields in ${doc.categories.length} categories`);
  } else {
    lines.push(`zones: ${doc.zones.join(', ')}`);
    lines.push('');
    lines.push(
      renderTable(
        ['entry', 'sector', 'category', 'threshold', 'procedure'],
        doc.entries.map((e) => [
          e.id,
          e.sector,
          name(e.category, lang),
          e.threshold
            ? `${e.threshold.measure} ${e.threshold.comparison === 'gte' ? '≥' : '>'} ${e.threshold.value} (${e.threshold.window})`
            : 'any amount',
          e.procedure,
        ]),
      ),
    );
    lines.push('');
    lines.push(`${doc.entries.length} entries`);
  }
  if (doc.sources.length > 0) {
    lines.push('');
    lines.push('sources:');
    for (const s of doc.sources) lines.push(`  - ${s.title}${s.url ? ` <${s.url}>` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

const MARK = { tightened: '▲ tighter', loosened: '▼ looser', neutral: '· neutral' } as const;

function short(v: unknown): string {
  if (v === undefined || v === null) return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v !== null && 'type' in v) return conditionText(v as Record<string, unknown>);
  return JSON.stringify(v);
}

function describe(c: ListChange): string {
  switch (c.kind) {
    case 'field_added':
    case 'entry_added':
      return `added ${short((c.to as { en?: string; category?: unknown }).en ?? '')}`.trimEnd();
    case 'field_removed':
    case 'entry_removed':
      return 'removed';
    case 'condition_added':
      return `condition added: ${short(c.to)}`;
    case 'condition_removed':
      return `condition removed: ${short(c.from)}`;
    default:
      return `${c.kind.replace(/_/g, ' ')}: ${short(c.from)} → ${short(c.to)}`;
  }
}

export function renderDiff(d: ListDiff): string {
  const lines = [`${d.id}: ${d.from} → ${d.to}`];
  if (d.changes.length === 0) lines.push('no changes');
  else
    lines.push(
      renderTable(
        ['change', 'target', 'effect', 'detail'],
        d.changes.map((c) => [c.kind, c.target, MARK[c.direction], describe(c)]),
      ),
    );
  const s = d.summary;
  lines.push('');
  lines.push(
    `${d.changes.length} changes: ${s.added} added, ${s.removed} removed, ${s.tightened} tighter, ${s.loosened} looser, ${s.neutral} neutral`,
  );
  return `${lines.join('\n')}\n`;
}
