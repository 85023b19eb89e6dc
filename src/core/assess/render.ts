/**
 * @module core/assess/render
 * Turns a Decision into what `datapass assess` prints: a JSON value (`--json`) or a short text report
 * (verdict first, then reasons, fields, obligations, next steps), in English or Chinese. Pure.
 */
import type { Lang } from '../messages/index.js';
import type { Decision, DecisionReason } from './engine.js';
import type { FieldDecision } from './fields.js';
import type { Pathway } from './rules.js';
import type { Reason } from './types.js';

const PATHWAY_LABEL: Record<Pathway, { en: string; zh: string }> = {
  exempt: {
    en: 'EXEMPT: no security assessment, standard contract or certification is needed',
    zh: '免予申报：无需数据出境安全评估、标准合同或认证',
  },
  contract_or_certification: {
    en: 'STANDARD CONTRACT OR CERTIFICATION required before the export',
    zh: '出境前须订立个人信息出境标准合同或通过个人信息保护认证',
  },
  security_assessment: {
    en: 'SECURITY ASSESSMENT required before the export',
    zh: '出境前须申报数据出境安全评估',
  },
  prohibited: { en: 'PROHIBITED: this data may not leave', zh: '禁止出境：该数据不得出境' },
};

const DECISION_LABEL: Record<FieldDecision['decision'], { en: string; zh: string }> = {
  allowed: { en: 'allowed', zh: '允许' },
  conditional: { en: 'conditional', zh: '附条件' },
  negative: { en: 'negative', zh: '负面清单' },
  unlisted: { en: 'unlisted', zh: '未列入' },
  prohibited: { en: 'prohibited', zh: '禁止' },
};

const PI_LABEL = {
  none: { en: 'none', zh: '无' },
  personal: { en: 'personal', zh: '个人' },
  sensitive: { en: 'sensitive', zh: '敏感' },
};

function reasonJson(r: Reason, lang: Lang): { rule: string; article: string; text: string } {
  return { rule: r.rule, article: lang === 'zh' ? r.articleZh : r.article, text: lang === 'zh' ? r.textZh : r.text };
}

/** The reason of the rule that decided the pathway. */
export function decidingReason(d: Decision): DecisionReason | undefined {
  return d.reasons.find((r) => r.rule === d.decidedBy);
}

/** The `--json` value. Keys in a fixed order; same decision, same bytes. */
export function decisionJson(d: Decision, lang: Lang = 'en'): unknown {
  return {
    pathway: d.pathway,
    decidedBy: d.decidedBy,
    reasons: d.reasons.map((r) => reasonJson(r, lang)),
    fields: d.fields.map((f) => ({
      column: f.column,
      decision: f.decision,
      ...(f.listField !== undefined ? { listField: f.listField } : {}),
      infoType: f.infoType,
      piClass: f.piClass,
      ...(f.transforms ? { transforms: f.transforms } : {}),
      ...(f.negativeEntries ? { negativeEntries: f.negativeEntries } : {}),
      ...(f.procedure ? { procedure: f.procedure } : {}),
      exported: f.exported,
      reasons: f.reasons.map((r) => reasonJson(r, lang)),
    })),
    obligations: d.obligations.map((o) => ({
      id: o.id,
      article: lang === 'zh' ? o.articleZh : o.article,
      text: lang === 'zh' ? o.textZh : o.text,
    })),
    nextSteps: d.nextSteps.map((s) => ({
      id: s.id,
      article: lang === 'zh' ? s.articleZh : s.article,
      text: lang === 'zh' ? s.textZh : s.text,
      ...(s.authority ? { authority: s.authority[lang] } : {}),
      ...(s.deadline ? { deadline: s.deadline[lang] } : {}),
      ...(s.validity ? { validity: s.validity[lang] } : {}),
    })),
    facts: d.facts,
    date: d.date,
    rules: d.rules,
  };
}

const T = {
  reasons: { en: 'Reasons', zh: '理由' },
  fields: { en: 'Fields', zh: '字段' },
  obligations: { en: 'Obligations (whatever the pathway)', zh: '义务（与路径无关）' },
  nextSteps: { en: 'Next steps', zh: '后续步骤' },
  decidedBy: { en: 'decided by', zh: '依据' },
  date: { en: 'transfer date', zh: '传输日期' },
  rules: { en: 'rules', zh: '规则' },
  none: { en: '(none)', zh: '（无）' },
  with: { en: 'with', zh: '受理' },
  deadline: { en: 'deadline', zh: '时限' },
  valid: { en: 'valid', zh: '有效期' },
  unconfirmed: { en: '❓ not confirmed', zh: '❓ 未经确认' },
  secondary: { en: '◐ secondary source', zh: '◐ 二手来源' },
  header: {
    en: ['column', 'decision', 'list field', 'PI', 'transform / why'],
    zh: ['列', '决定', '清单字段', '个人信息', '处理 / 原因'],
  },
};

function transformText(f: FieldDecision, lang: Lang): string {
  if (f.transforms && f.transforms.length > 0)
    return f.transforms
      .map((t) => {
        const params = Object.entries(t.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(',');
        return params ? `${t.operator}(${params})` : t.operator;
      })
      .join(' → ');
  const last = f.reasons[f.reasons.length - 1];
  if (!last) return '';
  if (f.decision === 'allowed') return 'keep';
  return `${lang === 'zh' ? 'drop：' : 'drop: '}${last.rule}`;
}

function confidenceMark(c: DecisionReason['confidence'], lang: Lang): string {
  if (c === 'unconfirmed') return ` [${T.unconfirmed[lang]}]`;
  if (c === 'secondary') return ` [${T.secondary[lang]}]`;
  return '';
}

/** The human report. */
export function renderDecision(
  d: Decision,
  lang: Lang = 'en',
  renderTable?: (header: string[], rows: string[][]) => string,
): string {
  const out: string[] = [];
  const deciding = decidingReason(d);
  out.push(PATHWAY_LABEL[d.pathway][lang]);
  if (deciding)
    out.push(`  ${T.decidedBy[lang]} ${deciding.rule} (${lang === 'zh' ? deciding.articleZh : deciding.article})`);
  out.push(`  ${T.date[lang]} ${d.date}; ${T.rules[lang]} ${d.rules}`);
  out.push('');
  out.push(`${T.reasons[lang]}:`);
  d.reasons.forEach((r, i) => {
    out.push(`  ${i + 1}. ${r.rule} (${lang === 'zh' ? r.articleZh : r.article})${confidenceMark(r.confidence, lang)}`);
    out.push(`     ${lang === 'zh' ? r.textZh : r.text}`);
  });
  if (d.fields.length > 0) {
    out.push('');
    out.push(`${T.fields[lang]}:`);
    const rows = d.fields.map((f) => [
      f.column,
      DECISION_LABEL[f.decision][lang],
      f.listField ?? '-',
      PI_LABEL[f.piClass][lang],
      transformText(f, lang),
    ]);
    const table = renderTable
      ? renderTable(T.header[lang], rows)
      : [T.header[lang].join(' | '), ...rows.map((r) => r.join(' | '))].join('\n');
    out.push(
      table
        .split('\n')
        .map((l) => `  ${l}`)
        .join('\n'),
    );
  }
  out.push('');
  out.push(`${T.obligations[lang]}:`);
  if (d.obligations.length === 0) out.push(`  ${T.none[lang]}`);
  for (const o of d.obligations)
    out.push(
      `  - ${lang === 'zh' ? o.textZh : o.text} (${lang === 'zh' ? o.articleZh : o.article})${confidenceMark(o.confidence, lang)}`,
    );
  out.push('');
  out.push(`${T.nextSteps[lang]}:`);
  if (d.nextSteps.length === 0) out.push(`  ${T.none[lang]}`);
  for (const s of d.nextSteps) {
    out.push(
      `  - ${lang === 'zh' ? s.textZh : s.text} (${lang === 'zh' ? s.articleZh : s.article})${confidenceMark(s.confidence, lang)}`,
    );
    if (s.authority) out.push(`    ${T.with[lang]}: ${s.authority[lang]}`);
    if (s.deadline) out.push(`    ${T.deadline[lang]}: ${s.deadline[lang]}`);
    if (s.validity) out.push(`    ${T.valid[lang]}: ${s.validity[lang]}`);
  }
  return `${out.join('\n')}\n`;
}
