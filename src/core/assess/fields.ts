/**
 * @module core/assess/fields
 * Field decisions: for each column of a dataset (as a scan report describes it), whether it may leave
 * (`allowed`), may leave after the transform the general data list demands (`conditional`), is caught by
 * an FTZ negative list (`negative`), is on no list so the national rules decide (`unlisted`), or may not
 * leave through these procedures at all (`prohibited`). Pure and deterministic.
 *
 * Precedence per column (first match wins): prohibited → negative → (free-text PI not covered by the
 * list field → unlisted) → on the general data list → unlisted.
 *
 * @example
 * const decisions = decideFields(scanReport, list, negativeLists, { recipientType: 'affiliate' });
 * for (const d of decisions) if (d.decision === 'conditional') applyTransforms(d.column, d.transforms);
 */
import { INFO_TYPES, isInfoType, maxPiClass, type PiClass } from '../infotypes.js';
import type {
  FieldCondition,
  GeneralDataList,
  ListField,
  NegativeEntry,
  NegativeList,
  RecipientType,
  Threshold,
} from '../lists/schema.js';
import { refOf } from '../lists/schema.js';
import type { Reason, ScanColumnLike, ScanReportLike } from './types.js';

export type { Reason, ScanColumnLike, ScanReportLike } from './types.js';

export type FieldDecisionKind = 'allowed' | 'conditional' | 'negative' | 'unlisted' | 'prohibited';

/** The operators a manifest can apply to a column before export. */
export type TransformOperator = 'keep' | 'hash' | 'tokenize' | 'generalize' | 'mask' | 'drop';

/** A transform the list demands, with the parameters the list gives. */
export interface FieldTransform {
  operator: TransformOperator;
  params: Record<string, string | number | boolean>;
  /** Why, or what a person must confirm (for `keep` with a requirement). */
  note?: string;
}

export interface FieldDecision {
  column: string;
  decision: FieldDecisionKind;
  /** The general-data-list field the column was matched to. */
  listField?: string;
  infoType: string | null;
  /** PI class of the column: the higher of the scan's and the list field's (fail closed). */
  piClass: PiClass;
  /** For `conditional`: the transforms, in the order the list states the conditions. */
  transforms?: FieldTransform[];
  /** For `negative`: the entries that caught the column, as `list@version#entry`. */
  negativeEntries?: string[];
  /** For `negative`: the most restrictive procedure of the entries that caught the column. */
  procedure?: 'security_assessment' | 'contract_or_certification';
  /** False when the column does not leave row-level (dropped or aggregated only). */
  exported: boolean;
  reasons: Reason[];
}

/** Volumes an entry threshold is compared with; a missing measure means "unknown" (fail closed). */
export interface Measures {
  subjects?: number;
  sensitive_subjects?: number;
  records?: number;
  bytes?: number;
}

export interface FieldContext {
  /** The kind of recipient abroad, when known; list conditions `recipient_types` are checked against it. */
  recipientType?: RecipientType;
  /** Volumes by threshold window, for negative-list entries with a threshold. */
  volumes?: { calendar_year?: Measures; per_transfer?: Measures; cumulative?: Measures };
}

/**
 * Identifier types that may not leave through the Order 16 pathways at all. Human genetic resources
 * information needs a filing with (and possibly a security review by) the Ministry of Science and
 * Technology first; DataPass does not model that procedure, so it refuses the column.
 */
export const PROHIBITED_INFO_TYPES: Readonly<Record<string, Omit<Reason, 'rule'> & { rule: string }>> = {
  GENETIC_SEQUENCE: {
    rule: 'field_human_genetic_resources',
    article: 'Regulations on Human Genetic Resources Art. 28 (◐ article number)',
    articleZh: '《人类遗传资源管理条例》第二十八条（◐ 条号待核）',
    text: 'human genetic resources information may be provided abroad only after a filing with the Ministry of Science and Technology (and its security review where public health or national security may be affected); it cannot leave through the Order 16 pathways',
    textZh:
      '人类遗传资源信息向境外提供须向国务院科学技术行政部门备案（可能影响公共卫生、国家安全的须经安全审查），不能仅凭《促进和规范数据跨境流动规定》的路径出境',
  },
};

const PROCEDURE_RANK = { contract_or_certification: 1, security_assessment: 2 } as const;

function norm(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-.]+/g, '');
}

/** The identifier types present in a column: its dominant type plus every finding with a count > 0, sorted. */
export function columnInfoTypes(col: ScanColumnLike): string[] {
  const s = new Set<string>();
  if (col.infoType) s.add(col.infoType);
  for (const [t, n] of Object.entries(col.findings ?? {})) if (n !== undefined && n > 0) s.add(t);
  return [...s].sort();
}

function piClassOfType(t: string): PiClass {
  return isInfoType(t) ? INFO_TYPES[t].piClass : 'none';
}

/** PI class of a column: the scan's class, raised by any identifier found in it. */
export function columnPiClass(col: ScanColumnLike): PiClass {
  let c: PiClass = col.piClass;
  for (const t of columnInfoTypes(col)) c = maxPiClass(c, piClassOfType(t));
  return c;
}

/** Finds the list field a column realises: the scan's `listField` (`unlisted` means none), else a field id, Chinese name or alias equal to the header. */
export function matchListField(col: ScanColumnLike, list: GeneralDataList | undefined): ListField | undefined {
  if (!list) return undefined;
  const fields = list.categories.flatMap((c) => c.fields);
  // INVARIANT: the scanner's `unlisted` is final; only a report without `listField` falls back to names.
  if (col.listField === 'unlisted') return undefined;
  if (col.listField) {
    const bare = col.listField.includes('#') ? col.listField.slice(col.listField.indexOf('#') + 1) : col.listField;
    const hit = fields.find((f) => f.id === bare);
    if (hit) return hit;
  }
  const h = norm(col.name);
  return fields.find((f) => norm(f.id) === h || norm(f.zh) === h || f.aliases.some((a) => norm(a) === h));
}

function measureValue(ctx: FieldContext, th: Threshold): number | undefined {
  return ctx.volumes?.[th.window]?.[th.measure];
}

interface EntryHit {
  ref: string;
  entry: NegativeEntry;
  via: string;
  thresholdUnknown: boolean;
}

function entryMatches(
  col: ScanColumnLike,
  types: string[],
  field: ListField | undefined,
  list: GeneralDataList | undefined,
  entry: NegativeEntry,
): string | undefined {
  const t = entry.infoTypes.find((x) => types.includes(x));
  if (t) return `infoType ${t}`;
  if (field) {
    const full = list ? `${list.id}#${field.id}` : undefined;
    const f = entry.fields.find((x) => x === field.id || x === full);
    if (f) return `field ${f}`;
  }
  const h = norm(col.name);
  const k = entry.keywords.find((kw) => norm(kw) !== '' && h.includes(norm(kw)));
  if (k) return `keyword ${k}`;
  return undefined;
}

/** Sectors that mean "every sector" in a negative-list entry. */
const CROSS_SECTOR = new Set(['all', 'any', 'cross_sector', 'general']);

/** Whether a negative-list entry applies to data of a general data list's domain. */
export function entryAppliesToDomain(entry: NegativeEntry, domain: string): boolean {
  return entry.sector === domain || CROSS_SECTOR.has(entry.sector);
}

function negativeHits(
  col: ScanColumnLike,
  types: string[],
  field: ListField | undefined,
  list: GeneralDataList | undefined,
  negativeLists: readonly NegativeList[],
  ctx: FieldContext,
): EntryHit[] {
  const hits: EntryHit[] = [];
  for (const nl of negativeLists) {
    for (const entry of nl.entries) {
      // Negative-list entries are written per sector: with a scenario's list, only that domain's entries
      // (and cross-sector ones) apply; without a list the sector is unknown and every entry applies.
      if (list && !entryAppliesToDomain(entry, list.domain)) continue;
      const via = entryMatches(col, types, field, list, entry);
      if (!via) continue;
      let thresholdUnknown = false;
      if (entry.threshold) {
        const v = measureValue(ctx, entry.threshold);
        if (v === undefined) thresholdUnknown = true;
        else if (entry.threshold.comparison === 'gte' ? v < entry.threshold.value : v <= entry.threshold.value)
          continue;
      }
      hits.push({ ref: `${refOf(nl)}#${entry.id}`, entry, via, thresholdUnknown });
    }
  }
  return hits.sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
}

function conditionTransform(
  c: FieldCondition,
  ctx: FieldContext,
  listRef: string,
): { transform?: FieldTransform; reason: Reason; excluded?: boolean } {
  const article = `general data list ${listRef}`;
  const articleZh = `一般数据清单 ${listRef}`;
  switch (c.type) {
    case 'pseudonymised':
      return {
        transform: { operator: 'hash', params: { alg: 'hmac-sha256' }, ...(c.note ? { note: c.note } : {}) },
        reason: {
          rule: 'field_condition_pseudonymised',
          article,
          articleZh,
          text: 'the list allows this field only pseudonymised: replace values with a keyed hash (HMAC) before export',
          textZh: '清单要求该字段去标识化后方可出境：出境前以带密钥哈希（HMAC）替换取值',
        },
      };
    case 'generalised': {
      const params: Record<string, string | number> = { granularity: c.granularity };
      if (c.decimals !== undefined) params.decimals = c.decimals;
      return {
        transform: { operator: 'generalize', params, ...(c.note ? { note: c.note } : {}) },
        reason: {
          rule: 'field_condition_generalised',
          article,
          articleZh,
          text: `the list allows this field only generalised to \`${c.granularity}\``,
          textZh: `清单要求该字段泛化至 \`${c.granularity}\` 后方可出境`,
        },
      };
    }
    case 'masked':
      return {
        transform: {
          operator: 'mask',
          params: { keepFirst: c.keepFirst, keepLast: c.keepLast },
          ...(c.note ? { note: c.note } : {}),
        },
        reason: {
          rule: 'field_condition_masked',
          article,
          articleZh,
          text: `the list allows this field only masked, keeping the first ${c.keepFirst} and last ${c.keepLast} characters`,
          textZh: `清单要求该字段掩码后方可出境，保留前 ${c.keepFirst} 位和后 ${c.keepLast} 位`,
        },
      };
    case 'aggregated_only':
      return {
        transform: {
          operator: 'drop',
          params: { reason: 'aggregated_only' },
          note: c.note ?? 'the list allows this field only as aggregates: drop it from the row-level export',
        },
        reason: {
          rule: 'field_condition_aggregated_only',
          article,
          articleZh,
          text: 'the list allows this field only as aggregates, never row by row: it is dropped from the row-level export',
          textZh: '清单仅允许该字段以汇总形式出境，不得逐行出境：从逐行导出中删除',
        },
      };
    case 'recipient_types': {
      const allowed = [...c.allowed].sort().join(', ');
      if (c.allowed.includes('any')) {
        return {
          reason: {
            rule: 'field_condition_recipient_any',
            article,
            articleZh,
            text: 'the list allows this field to any recipient',
            textZh: '清单允许该字段向任何接收方提供',
          },
        };
      }
      if (ctx.recipientType === undefined) {
        return {
          transform: {
            operator: 'keep',
            params: { confirm: 'recipient_type' },
            note: `confirm the recipient is one of: ${allowed}`,
          },
          reason: {
            rule: 'field_condition_recipient_unconfirmed',
            article,
            articleZh,
            text: `the list allows this field only to recipients of type ${allowed}; the recipient type is not known, a person must confirm it`,
            textZh: `清单仅允许向以下类型接收方提供该字段：${allowed}；接收方类型未知，须人工确认`,
          },
        };
      }
      if (c.allowed.includes(ctx.recipientType)) {
        return {
          reason: {
            rule: 'field_condition_recipient_ok',
            article,
            articleZh,
            text: `the recipient type \`${ctx.recipientType}\` is one the list allows`,
            textZh: `接收方类型 \`${ctx.recipientType}\` 在清单允许范围内`,
          },
        };
      }
      return {
        excluded: true,
        reason: {
          rule: 'field_condition_recipient_excluded',
          article,
          articleZh,
          text: `the list allows this field only to ${allowed}, not to \`${ctx.recipientType}\`: the list does not cover this transfer, the national rules decide`,
          textZh: `清单仅允许向 ${allowed} 提供该字段，不包括 \`${ctx.recipientType}\`：本次传输不在清单范围内，由国家规定决定`,
        },
      };
    }
    case 'requirement':
      return {
        transform: { operator: 'keep', params: { confirm: 'requirement' }, note: c.text.en },
        reason: {
          rule: 'field_condition_requirement',
          article,
          articleZh,
          text: `the list attaches a requirement a person must confirm: ${c.text.en}`,
          textZh: `清单附有须人工确认的要求：${c.text.zh}`,
        },
      };
  }
}

function unlistedReason(piClass: PiClass, extra = ''): Reason {
  return {
    rule: 'field_unlisted',
    article: piClass === 'none' ? 'CAC Order 16 Art. 3' : 'CAC Order 16 Arts. 5, 7, 8',
    articleZh:
      piClass === 'none'
        ? '《促进和规范数据跨境流动规定》第三条'
        : '《促进和规范数据跨境流动规定》第五条、第七条、第八条',
    text: `on no list${extra}: the national rules decide (${piClass === 'none' ? 'no personal information in it' : `${piClass} personal information, counted towards the thresholds`})`,
    textZh: `不在任何清单上${extra ? '（字段含清单未涵盖的个人信息）' : ''}：由国家规定决定（${piClass === 'none' ? '不含个人信息' : piClass === 'sensitive' ? '敏感个人信息，计入数量门槛' : '个人信息，计入数量门槛'}）`,
  };
}

/** Decides one column. */
export function decideField(
  col: ScanColumnLike,
  list: GeneralDataList | undefined,
  negativeLists: readonly NegativeList[],
  ctx: FieldContext = {},
): FieldDecision {
  const types = columnInfoTypes(col);
  const field = matchListField(col, list);
  let piClass = columnPiClass(col);
  if (field) piClass = maxPiClass(piClass, field.piClass);
  const base = {
    column: col.name,
    infoType: col.infoType,
    piClass,
    ...(field ? { listField: field.id } : {}),
  };

  // 1. Prohibited identifier types.
  const banned = types.filter((t) => Object.hasOwn(PROHIBITED_INFO_TYPES, t));
  if (banned.length > 0) {
    return {
      ...base,
      decision: 'prohibited',
      exported: true,
      reasons: banned.map((t) => PROHIBITED_INFO_TYPES[t] as Reason),
    };
  }

  // 2. Negative lists (the caller passes only those covering the exporter's zone).
  const hits = negativeHits(col, types, field, list, negativeLists, ctx);
  if (hits.length > 0) {
    let procedure: 'security_assessment' | 'contract_or_certification' = 'contract_or_certification';
    for (const h of hits)
      if (PROCEDURE_RANK[h.entry.procedure] > PROCEDURE_RANK[procedure]) procedure = h.entry.procedure;
    return {
      ...base,
      decision: 'negative',
      exported: true,
      negativeEntries: hits.map((h) => h.ref),
      procedure,
      reasons: hits.map((h) => ({
        rule: 'field_negative_list_entry',
        article: `CAC Order 16 Art. 6; negative list ${h.ref}`,
        articleZh: `《促进和规范数据跨境流动规定》第六条；负面清单 ${h.ref}`,
        text: `caught by negative-list entry \`${h.ref}\` (${h.entry.category.en}) by ${h.via}${h.thresholdUnknown ? ', threshold not checkable so assumed met' : ''}: needs ${h.entry.procedure === 'security_assessment' ? 'a security assessment' : 'a standard contract or certification'}`,
        textZh: `命中负面清单条目 \`${h.ref}\`（${h.entry.category.zh}），依据 ${h.via}${h.thresholdUnknown ? '，数量门槛无法核对，按已达到处理' : ''}：须${h.entry.procedure === 'security_assessment' ? '申报数据出境安全评估' : '订立标准合同或通过认证'}`,
      })),
    };
  }

  // 3. Free text: PI found in the values that the matched list field does not declare.
  if (field) {
    const declared = new Set(field.infoTypes);
    const undeclared = types.filter((t) => !declared.has(t) && piClassOfType(t) !== 'none' && t !== col.infoType);
    const domUndeclared =
      col.infoType !== null &&
      !declared.has(col.infoType) &&
      piClassOfType(col.infoType) !== 'none' &&
      field.infoTypes.length > 0;
    if (undeclared.length > 0 || domUndeclared) {
      const found = [...new Set([...undeclared, ...(domUndeclared && col.infoType ? [col.infoType] : [])])].sort();
      return {
        ...base,
        decision: 'unlisted',
        exported: true,
        reasons: [
          {
            ...unlistedReason(
              piClass,
              ` as found (contains ${found.join(', ')}, which list field \`${field.id}\` does not declare)`,
            ),
            rule: 'field_pi_not_covered_by_list',
          },
        ],
      };
    }
  }

  // 4. On the general data list.
  if (field && list) {
    const listRef = refOf(list);
    const reasons: Reason[] = [
      {
        rule: 'field_on_general_list',
        article: `general data list ${listRef}; CAC Order 16 Art. 6`,
        articleZh: `一般数据清单 ${listRef}；《促进和规范数据跨境流动规定》第六条`,
        text: `on the general data list \`${listRef}\` as field \`${field.id}\` (${field.en})`,
        textZh: `列入一般数据清单 \`${listRef}\`，字段 \`${field.id}\`（${field.zh}）`,
      },
    ];
    const transforms: FieldTransform[] = [];
    for (const c of field.conditions) {
      const r = conditionTransform(c, ctx, listRef);
      reasons.push(r.reason);
      if (r.excluded) {
        return { ...base, decision: 'unlisted', exported: true, reasons };
      }
      if (r.transform) transforms.push(r.transform);
    }
    const exported = !transforms.some((t) => t.operator === 'drop');
    if (transforms.length === 0) return { ...base, decision: 'allowed', exported, reasons };
    return { ...base, decision: 'conditional', exported, transforms, reasons };
  }

  // 5. On no list.
  return { ...base, decision: 'unlisted', exported: true, reasons: [unlistedReason(piClass)] };
}

/**
 * Decides every column of a scan report, in report order. `negativeLists` must be those that cover the
 * exporter's zone on the transfer date (pass `[]` when the exporter is outside any FTZ or is a CIIO).
 */
export function decideFields(
  report: ScanReportLike,
  list: GeneralDataList | undefined,
  negativeLists: readonly NegativeList[],
  ctx: FieldContext = {},
): FieldDecision[] {
  return report.columns.map((c) => decideField(c, list, negativeLists, ctx));
}

/** Data-level facts that follow from the field decisions (only columns that leave row-level count). */
export interface FieldFacts {
  personal: boolean;
  sensitive: boolean;
  onNegativeList: boolean;
  negativeProcedure: 'security_assessment' | 'contract_or_certification' | null;
  prohibited: boolean;
  /** Every exported column is `allowed` or `conditional` (and there is at least one column). */
  allOnGeneralList: boolean;
}

export function factsFromFields(decisions: readonly FieldDecision[]): FieldFacts {
  const out = decisions.filter((d) => d.exported);
  let negativeProcedure: FieldFacts['negativeProcedure'] = null;
  for (const d of out) {
    if (d.decision !== 'negative' || !d.procedure) continue;
    if (negativeProcedure === null || PROCEDURE_RANK[d.procedure] > PROCEDURE_RANK[negativeProcedure])
      negativeProcedure = d.procedure;
  }
  return {
    personal: out.some((d) => d.piClass !== 'none'),
    sensitive: out.some((d) => d.piClass === 'sensitive'),
    onNegativeList: out.some((d) => d.decision === 'negative'),
    negativeProcedure,
    prohibited: out.some((d) => d.decision === 'prohibited'),
    allOnGeneralList:
      decisions.length > 0 && out.every((d) => d.decision === 'allowed' || d.decision === 'conditional'),
  };
}
