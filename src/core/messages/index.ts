/**
 * @module core/messages
 * Renders problems in a language; the data (code, params) stays the same.
 */
import { isDocumentKind } from '../documents.js';
import { formatPath, type Problem, type ProblemCode } from '../problems.js';
import { documentKindsEn, en } from './en.js';
import { documentKindsZh, zh } from './zh.js';

export type Lang = 'en' | 'zh';

const catalogues = { en, zh } as const;
const kindNames = { en: documentKindsEn, zh: documentKindsZh } as const;

/** Params that carry a document kind id (`core/documents.ts`), named in the message's language. */
const KIND_PARAMS: Partial<Record<ProblemCode, readonly string[]>> = {
  'input.wrong_document': ['expected', 'received'],
};

/** Fills `{name}` placeholders from params; missing params render as empty. */
export function renderTemplate(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? '' : String(params[k])));
}

/** The one-line message of a problem, without location. */
export function messageOf(p: Problem, lang: Lang = 'en'): string {
  let params = p.params;
  const kinds = KIND_PARAMS[p.code];
  if (kinds) {
    params = { ...params };
    for (const k of kinds) {
      const v = params[k];
      if (isDocumentKind(v)) params[k] = kindNames[lang][v];
    }
  }
  return renderTemplate(catalogues[lang][p.code], params);
}

/** `file:line:col: path: message` in the Cedar style, plus help on the same line. */
export function formatProblem(p: Problem, lang: Lang = 'en'): string {
  const parts: string[] = [];
  const l = p.location;
  if (l?.file) {
    let where = l.file;
    if (l.line !== undefined) where += `:${l.line}${l.col !== undefined ? `:${l.col}` : ''}`;
    parts.push(where);
  }
  if (l?.row !== undefined) parts.push(`row ${l.row}${l.column !== undefined ? `, column \`${l.column}\`` : ''}`);
  if (l?.byte !== undefined && l.row === undefined) parts.push(`byte ${l.byte}`);
  const path = formatPath(p.path);
  if (path) parts.push(path);
  parts.push(messageOf(p, lang));
  let out = parts.join(': ');
  if (p.severity === 'warning') out = `warning: ${out}`;
  if (p.help) out += `; ${p.help}`;
  return out;
}

export { documentKindsEn, documentKindsZh, en, zh };
