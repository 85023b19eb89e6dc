/**
 * @module core/assess/engine
 * The small, total, deterministic core: facts from a profile (and field decisions), rules evaluated in
 * their declared order, one pathway, the reasons that decided it, obligations and next steps.
 *
 * Precedence (see docs/assess.md):
 * 1. Rules run in ascending `order`; those not in force on the transfer date are skipped.
 * 2. A rule fires when its condition holds. `exempt` rules are skipped once a `blocks_exemptions` rule
 *    has fired (important data, negative-list data).
 * 3. Evaluation ends at the first fired rule with `stop` (core data) or effect `exempt` (Order 16 Art. 8
 *    para. 2: where Arts. 3–6 apply, they govern), so later requirements never fire.
 * 4. The pathway is the most restrictive pathway among the fired rules; when nothing fired, the engine
 *    fails closed to `security_assessment` with the reason `no_rule_matched`.
 *
 * @example
 * const decision = assess({ rules, profile, date: '2025-06-01', volumes: { personal: 120000, sensitive: 0, notes: [] } });
 */
import type { FieldDecision, FieldFacts } from './fields.js';
import type { TransferProfile } from './profile.js';
import {
  evalExpr,
  type Facts,
  type FactValue,
  type NextStep,
  type Pathway,
  pathwayRank,
  type Rule,
  type RulesFile,
  ruleInForce,
} from './rules.js';
import type { Reason } from './types.js';

/** An obligation that holds whatever the pathway. */
export interface ObligationItem {
  id: string;
  article: string;
  articleZh: string;
  text: string;
  textZh: string;
  confidence: 'confirmed' | 'secondary' | 'unconfirmed';
}

/** What to do next: what to file, with whom, by when, how long a result stays valid. */
export interface NextStepItem extends ObligationItem {
  authority?: { en: string; zh: string };
  deadline?: { en: string; zh: string };
  validity?: { en: string; zh: string };
}

/** The reasons carry the rules' confidence, so unconfirmed law shows up in the output. */
export interface DecisionReason extends Reason {
  confidence: 'confirmed' | 'secondary' | 'unconfirmed';
}

export interface Decision {
  pathway: Pathway;
  /** The rule that decided the pathway: the exemption, else the first fired rule with that pathway. */
  decidedBy: string;
  reasons: DecisionReason[];
  fields: FieldDecision[];
  obligations: ObligationItem[];
  nextSteps: NextStepItem[];
  /** The facts the rules saw. */
  facts: Facts;
  /** The transfer date the rules and lists were judged on. */
  date: string;
  /** `id@version` of the rules file. */
  rules: string;
}

/** Year-to-date volumes and where they came from (explained as leading reasons). */
export interface Volumes {
  personal: number;
  sensitive: number;
  notes: DecisionReason[];
}

export interface AssessInput {
  rules: RulesFile;
  profile: TransferProfile;
  /** Transfer date `YYYY-MM-DD` (from `--date` or the injected clock). */
  date: string;
  volumes: Volumes;
  /** Field decisions and their facts, when a list/dataset or scan report was given. */
  fields?: { decisions: FieldDecision[]; facts: FieldFacts; negativeListsChecked: boolean };
  /** The general data list used for the field decisions (its zone). */
  generalList?: { zone: string };
  /** The catalogue holds a negative list in force on the date that covers the exporter's zone. */
  catalogueNegativeList?: boolean;
}

const GROUP = /\B(?=(\d{3})+(?!\d))/g;

/** `1000000` → `1,000,000`, deterministically (no locale). */
export function formatCount(n: number): string {
  return String(n).replace(GROUP, ',');
}

/** Fills `{fact}` placeholders from the facts (numbers grouped by thousands). */
export function fillTemplate(text: string, facts: Readonly<Record<string, FactValue>>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = facts[k];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatCount(v) : String(v);
  });
}

/** Derives the facts the rules read. Pure. */
export function deriveFacts(input: Omit<AssessInput, 'rules'> & { rules: Pick<RulesFile, 'zones'> }): Facts {
  const { profile: p, date, volumes, fields } = input;
  const zone = p.exporter.zone;
  const zoneRow = zone === undefined ? undefined : input.rules.zones.find((z) => z.id === zone);
  const zoneHasNegativeList =
    zoneRow !== undefined &&
    ((zoneRow.negative_list_since !== undefined && zoneRow.negative_list_since <= date) ||
      input.catalogueNegativeList === true);

  const personal = fields ? fields.facts.personal : volumes.personal > 0 || volumes.sensitive > 0;
  const sensitive = fields ? fields.facts.sensitive : volumes.sensitive > 0;

  // On the negative list: the profile's word, raised (never lowered) by fields checked against the lists.
  let onNegative: 'yes' | 'no' | 'unknown' =
    p.data.onNegativeList === undefined ? 'unknown' : p.data.onNegativeList ? 'yes' : 'no';
  let procedure: string = onNegative === 'yes' ? 'unknown' : 'none';
  if (fields?.negativeListsChecked) {
    if (fields.facts.onNegativeList) {
      onNegative = 'yes';
      procedure = fields.facts.negativeProcedure ?? 'unknown';
    } else if (onNegative === 'unknown') onNegative = 'no';
  }

  return {
    ciio: p.exporter.ciio,
    zone: zone ?? 'none',
    in_ftz: zoneRow !== undefined,
    zone_has_negative_list: zoneHasNegativeList,
    basis: p.basis ?? 'none',
    origin: p.origin ?? 'domestic',
    personal,
    sensitive,
    personal_subjects_ytd: volumes.personal,
    sensitive_subjects_ytd: volumes.sensitive,
    important_data: p.data.importantData ?? false,
    core_data: p.data.coreData ?? false,
    on_negative_list: onNegative,
    negative_procedure: procedure,
    prohibited_fields: fields?.facts.prohibited ?? false,
    all_on_general_list: fields !== undefined && input.generalList !== undefined && fields.facts.allOnGeneralList,
    general_list_zone_match: input.generalList !== undefined && zone !== undefined && input.generalList.zone === zone,
    pathway: 'undecided',
    exemption: 'none',
  };
}

function reasonOf(r: Rule, facts: Facts): DecisionReason {
  return {
    rule: r.id,
    article: r.article.ref,
    articleZh: r.article.zh,
    text: fillTemplate(r.text.en, facts),
    textZh: fillTemplate(r.text.zh, facts),
    confidence: r.confidence,
  };
}

/** Runs the rules over the facts. Returns the fired rules in order and the pathway. Total. */
export function evaluateRules(rules: RulesFile, facts: Facts, date: string): { pathway: Pathway; fired: Rule[] } {
  const fired: Rule[] = [];
  let blocked = false;
  for (const rule of rules.rules) {
    if (!ruleInForce(rule, date)) continue;
    if (rule.effect === 'exempt' && blocked) continue;
    if (!evalExpr(rule.when, facts)) continue;
    fired.push(rule);
    if (rule.blocks_exemptions) blocked = true;
    if (rule.stop || rule.effect === 'exempt') break;
  }
  let pathway: Pathway | undefined;
  for (const r of fired)
    if (pathway === undefined || pathwayRank(r.pathway) > pathwayRank(pathway)) pathway = r.pathway;
  return { pathway: pathway ?? 'security_assessment', fired };
}

function itemOf(
  o: {
    id: string;
    article: { ref: string; zh: string };
    text: { en: string; zh: string };
    confidence: ObligationItem['confidence'];
  },
  facts: Facts,
): ObligationItem {
  return {
    id: o.id,
    article: o.article.ref,
    articleZh: o.article.zh,
    text: fillTemplate(o.text.en, facts),
    textZh: fillTemplate(o.text.zh, facts),
    confidence: o.confidence,
  };
}

function stepOf(s: NextStep, facts: Facts): NextStepItem {
  const item: NextStepItem = itemOf(s, facts);
  if (s.authority) item.authority = s.authority;
  if (s.deadline) item.deadline = s.deadline;
  if (s.validity) item.validity = s.validity;
  return item;
}

/** Assesses one transfer. Same input, same output. */
export function assess(input: AssessInput): Decision {
  const facts = deriveFacts(input);
  const { pathway, fired } = evaluateRules(input.rules, facts, input.date);
  const exemption = fired.find((r) => r.effect === 'exempt');
  const decided: Facts = { ...facts, pathway, exemption: exemption?.id ?? 'none' };
  const reasons: DecisionReason[] = [...input.volumes.notes, ...fired.map((r) => reasonOf(r, decided))];
  if (fired.length === 0)
    reasons.push({
      rule: 'no_rule_matched',
      article: 'PIPL Art. 38; CAC Order 16 Art. 7',
      articleZh: '《个人信息保护法》第三十八条；《促进和规范数据跨境流动规定》第七条',
      text: 'no rule decided this transfer: failing closed to a security assessment',
      textZh: '没有规则能够判定本次传输：按最严格路径（安全评估）处理',
      confidence: 'confirmed',
    });
  const obligations = input.rules.obligations
    .filter((o) => ruleInForce(o, input.date) && evalExpr(o.when, decided))
    .map((o) => itemOf(o, decided));
  const nextSteps = input.rules.next_steps
    .filter((s) => ruleInForce(s, input.date) && evalExpr(s.when, decided))
    .map((s) => stepOf(s, decided));
  const decidedBy = exemption?.id ?? fired.find((r) => r.pathway === pathway)?.id ?? 'no_rule_matched';
  return {
    pathway,
    decidedBy,
    reasons,
    fields: input.fields?.decisions ?? [],
    obligations,
    nextSteps,
    facts: decided,
    date: input.date,
    rules: `${input.rules.id}@${input.rules.version}`,
  };
}
