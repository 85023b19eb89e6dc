/**
 * @module core/assess/rules
 * The law as data: the schema of a rules file (`rules/*.yaml`), its small condition language, and the
 * checks that every condition names a known fact. Evaluation lives in `engine.ts`.
 *
 * Condition language (total: every expression evaluates to true or false, never throws):
 * - `{ all: [E, …] }` – every one holds (true when empty); `{ any: [E, …] }` – at least one (false when empty);
 *   `{ not: E }`;
 * - `{ fact: NAME, eq: V }`, `ne`, `in: [V, …]`, and on numbers `gte`, `gt`, `lt`, `lte`.
 * 以上 (at or above) is `gte`; 不满 (below) is `lt`.
 */
import { z } from 'zod';
import { didYouMean, fail, ok, type Problem, problem, type Result } from '../problems.js';
import { zodProblems } from '../zod-problems.js';

export const RULES_SCHEMA_VERSION = 1;

const ID = /^[a-z][a-z0-9_]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const PATHWAYS = ['exempt', 'contract_or_certification', 'security_assessment', 'prohibited'] as const;
export type Pathway = (typeof PATHWAYS)[number];

/** How restrictive a pathway is: exempt 0 … prohibited 3. */
export function pathwayRank(p: Pathway): number {
  return PATHWAYS.indexOf(p);
}

/** The facts a condition may name, with their type. The engine computes exactly these. */
export const FACT_TYPES = {
  ciio: 'boolean',
  /** The exporter's zone id, or `none`. */
  zone: 'string',
  in_ftz: 'boolean',
  zone_has_negative_list: 'boolean',
  basis: 'string',
  origin: 'string',
  personal: 'boolean',
  sensitive: 'boolean',
  personal_subjects_ytd: 'number',
  sensitive_subjects_ytd: 'number',
  important_data: 'boolean',
  core_data: 'boolean',
  on_negative_list: 'string',
  negative_procedure: 'string',
  prohibited_fields: 'boolean',
  all_on_general_list: 'boolean',
  general_list_zone_match: 'boolean',
  /** Only in obligations and next steps: the decided pathway and the deciding exemption rule (or `none`). */
  pathway: 'string',
  exemption: 'string',
} as const;
export type FactName = keyof typeof FACT_TYPES;
export type FactValue = string | number | boolean;
export type Facts = Record<FactName, FactValue>;

export type Expr =
  | { all: Expr[] }
  | { any: Expr[] }
  | { not: Expr }
  | {
      fact: string;
      eq?: FactValue;
      ne?: FactValue;
      in?: FactValue[];
      gte?: number;
      gt?: number;
      lt?: number;
      lte?: number;
    };

const Scalar = z.union([z.string(), z.number(), z.boolean()]);

export const ExprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(ExprSchema) }).strict(),
    z.object({ any: z.array(ExprSchema) }).strict(),
    z.object({ not: ExprSchema }).strict(),
    z
      .object({
        fact: z.string(),
        eq: Scalar.optional(),
        ne: Scalar.optional(),
        in: z.array(Scalar).optional(),
        gte: z.number().optional(),
        gt: z.number().optional(),
        lt: z.number().optional(),
        lte: z.number().optional(),
      })
      .strict(),
  ]),
);

const Bilingual = z.object({ en: z.string().min(1), zh: z.string().min(1) }).strict();
const Article = z.object({ ref: z.string().min(1), en: z.string().min(1), zh: z.string().min(1) }).strict();
/** ✅ primary text; ◐ secondary source; ❓ not confirmed (regulation.md markers). */
const Confidence = z.enum(['confirmed', 'secondary', 'unconfirmed']);
const IsoDate = z.string().regex(DATE, 'date YYYY-MM-DD');

const common = {
  id: z.string().regex(ID, 'snake_case id'),
  when: ExprSchema,
  article: Article,
  text: Bilingual,
  source: z.string().url(),
  effective: IsoDate,
  expires: IsoDate.optional(),
  confidence: Confidence,
  note: z.string().optional(),
};

export const RuleSchema = z
  .object({
    ...common,
    order: z.number().int().min(0),
    /** `prohibit` and `require` set a pathway; `exempt` ends evaluation with `exempt`. */
    effect: z.enum(['prohibit', 'require', 'exempt']),
    pathway: z.enum(PATHWAYS),
    /** Once it fires, later `exempt` rules are skipped (important data, negative-list data). */
    blocks_exemptions: z.boolean().default(false),
    /** Once it fires, evaluation ends (core data). Exemptions always end evaluation. */
    stop: z.boolean().default(false),
  })
  .strict();

export const ObligationSchema = z.object({ ...common }).strict();

export const NextStepSchema = z
  .object({
    ...common,
    /** Who receives the filing, if anyone. */
    authority: Bilingual.optional(),
    /** How long a result stays valid, e.g. `3 years`. */
    validity: Bilingual.optional(),
    /** A deadline, e.g. `within 10 working days of the contract taking effect`. */
    deadline: Bilingual.optional(),
  })
  .strict();

export const ZoneSchema = z
  .object({
    id: z.string().regex(ID, 'snake_case id'),
    zh: z.string().min(1),
    en: z.string().min(1),
    /** The FTZ a sub-area belongs to (Lingang → Shanghai FTZ). */
    parent: z.string().regex(ID).optional(),
    /** The date the zone's first data-export negative list took effect, when one is known. */
    negative_list_since: IsoDate.optional(),
    confidence: Confidence,
    source: z.string().url().optional(),
    note: z.string().optional(),
  })
  .strict();

export const RulesFileSchema = z
  .object({
    schemaVersion: z.literal(RULES_SCHEMA_VERSION),
    kind: z.literal('AssessmentRules'),
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/),
    version: z.string().regex(/^\d+(\.\d+){0,2}$/),
    title: Bilingual,
    effective: IsoDate,
    notes: z.string().optional(),
    zones: z.array(ZoneSchema).min(1),
    rules: z.array(RuleSchema).min(1),
    obligations: z.array(ObligationSchema),
    next_steps: z.array(NextStepSchema),
  })
  .strict();

export type Rule = z.infer<typeof RuleSchema>;
export type Obligation = z.infer<typeof ObligationSchema>;
export type NextStep = z.infer<typeof NextStepSchema>;
export type Zone = z.infer<typeof ZoneSchema>;
export type RulesFile = z.infer<typeof RulesFileSchema>;

/** Evaluates a condition. Total: an unknown fact or a type mismatch makes the comparison false. */
export function evalExpr(e: Expr, facts: Readonly<Record<string, FactValue>>): boolean {
  if ('all' in e) return e.all.every((x) => evalExpr(x, facts));
  if ('any' in e) return e.any.some((x) => evalExpr(x, facts));
  if ('not' in e) return !evalExpr(e.not, facts);
  const v = facts[e.fact];
  if (v === undefined) return false;
  if (e.eq !== undefined && v !== e.eq) return false;
  if (e.ne !== undefined && v === e.ne) return false;
  if (e.in !== undefined && !e.in.includes(v)) return false;
  const num = typeof v === 'number' ? v : undefined;
  if (e.gte !== undefined && !(num !== undefined && num >= e.gte)) return false;
  if (e.gt !== undefined && !(num !== undefined && num > e.gt)) return false;
  if (e.lt !== undefined && !(num !== undefined && num < e.lt)) return false;
  if (e.lte !== undefined && !(num !== undefined && num <= e.lte)) return false;
  return true;
}

function checkExpr(e: Expr, path: (string | number)[], out: Problem[], allowDecided: boolean): void {
  if ('all' in e) {
    e.all.forEach((x, i) => {
      checkExpr(x, [...path, 'all', i], out, allowDecided);
    });
    return;
  }
  if ('any' in e) {
    e.any.forEach((x, i) => {
      checkExpr(x, [...path, 'any', i], out, allowDecided);
    });
    return;
  }
  if ('not' in e) {
    checkExpr(e.not, [...path, 'not'], out, allowDecided);
    return;
  }
  const known = Object.keys(FACT_TYPES).filter((f) => allowDecided || (f !== 'pathway' && f !== 'exemption'));
  if (!known.includes(e.fact)) {
    const help = didYouMean(e.fact, known);
    out.push(problem('assess.unknown_fact', { fact: e.fact }, [...path, 'fact'], help ? { help } : {}));
    return;
  }
  const type = FACT_TYPES[e.fact as FactName];
  const ops = [e.gte, e.gt, e.lt, e.lte].filter((x) => x !== undefined);
  if (ops.length > 0 && type !== 'number')
    out.push(problem('assess.fact_type', { fact: e.fact, type }, [...path, 'fact']));
  for (const v of [e.eq, e.ne, ...(e.in ?? [])])
    if (v !== undefined && typeof v !== type)
      out.push(problem('assess.fact_type', { fact: e.fact, type }, [...path, 'fact']));
  if (e.eq === undefined && e.ne === undefined && e.in === undefined && ops.length === 0)
    out.push(problem('assess.fact_type', { fact: e.fact, type }, path));
}

/** Parses and checks a rules file: schema, unique ids, unique orders, known facts, known zone parents. */
export function parseRulesFile(input: unknown): Result<RulesFile> {
  const r = RulesFileSchema.safeParse(input);
  if (!r.success) return fail(zodProblems(r.error, input));
  const doc = r.data;
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  const dup = (id: string, path: (string | number)[]) => {
    const first = seen.get(id);
    if (first !== undefined) problems.push(problem('assess.duplicate_rule_id', { id, first }, path));
    else seen.set(id, path.join('.'));
  };
  const orders = new Map<number, string>();
  doc.rules.forEach((rule, i) => {
    dup(rule.id, ['rules', i, 'id']);
    const o = orders.get(rule.order);
    if (o !== undefined)
      problems.push(problem('assess.duplicate_rule_order', { order: rule.order, first: o }, ['rules', i, 'order']));
    else orders.set(rule.order, rule.id);
    checkExpr(rule.when, ['rules', i, 'when'], problems, false);
    if (rule.effective > (rule.expires ?? '9999-12-31'))
      problems.push(problem('list.expiry_before_effective', {}, ['rules', i, 'expires']));
  });
  doc.obligations.forEach((o, i) => {
    dup(o.id, ['obligations', i, 'id']);
    checkExpr(o.when, ['obligations', i, 'when'], problems, true);
  });
  doc.next_steps.forEach((s, i) => {
    dup(s.id, ['next_steps', i, 'id']);
    checkExpr(s.when, ['next_steps', i, 'when'], problems, true);
  });
  const zoneIds = new Set<string>();
  doc.zones.forEach((z, i) => {
    if (zoneIds.has(z.id))
      problems.push(problem('assess.duplicate_rule_id', { id: z.id, first: z.id }, ['zones', i, 'id']));
    zoneIds.add(z.id);
  });
  doc.zones.forEach((z, i) => {
    if (z.parent && !zoneIds.has(z.parent))
      problems.push(problem('assess.unknown_zone', { zone: z.parent }, ['zones', i, 'parent']));
  });
  if (problems.length > 0) return fail(problems);
  return ok({ ...doc, rules: [...doc.rules].sort((a, b) => a.order - b.order) });
}

/** True when a rule, obligation or step is in force on `date` (effective ≤ date ≤ expires). */
export function ruleInForce(r: { effective: string; expires?: string | undefined }, date: string): boolean {
  return r.effective <= date && (r.expires === undefined || date <= r.expires);
}
