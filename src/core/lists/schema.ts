/**
 * @module core/lists/schema
 * The list documents: `GeneralDataList` (fields that may leave freely in one scenario) and
 * `NegativeList` (data that still needs the national procedures). Format v1, documented in docs/list-format.md.
 */
import { z } from 'zod';
import { INFO_TYPE_NAMES } from '../infotypes.js';

export const LIST_SCHEMA_VERSION = 1;

const ID = /^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VERSION = /^\d+(\.\d+){0,2}$/;

export const Id = z.string().regex(ID, 'lower-case id: letters, digits, `_`, `-`, dot-separated');
export const IsoDate = z.string().regex(DATE, 'date YYYY-MM-DD');
export const Version = z.string().regex(VERSION, 'version: 1, 1.2 or 1.2.3');

export const Bilingual = z.object({ zh: z.string().min(1), en: z.string().min(1) }).strict();

export const Source = z
  .object({
    title: z.string().min(1),
    url: z.string().url().optional(),
    date: IsoDate.optional(),
    note: z.string().optional(),
  })
  .strict();

export const Issuer = z
  .object({
    id: Id,
    name: Bilingual,
  })
  .strict();

/** A signature block: Ed25519 over the RFC 8785 canonical JSON of the document without `signature.value`. */
export const Signature = z
  .object({
    alg: z.string(),
    keyId: z.string().optional(),
    value: z.string(),
    signedAt: z.string().optional(),
  })
  .strict();

export const PiClassSchema = z.enum(['none', 'personal', 'sensitive']);
export const InfoTypeSchema = z.string().min(1); // checked against the catalogue in validate.ts, with did-you-mean

export const RecipientType = z.enum([
  'affiliate', // a company of the same group abroad
  'headquarters',
  'contract_research_organisation',
  'regulator', // a foreign regulator or authority
  'service_provider',
  'business_partner',
  'reinsurer',
  'any',
]);

export const Granularity = z.enum(['year', 'month', 'age_band', 'region', 'province', 'wmi', 'decimals', 'birth_year']);

/**
 * Conditions the list attaches to a field. Each one either demands a transform before export
 * (`pseudonymised`, `generalised`, `masked`, `aggregated_only`, `remove`) or restricts the transfer
 * (`recipient_types`), or records a requirement a person must confirm (`requirement`).
 */
export const FieldCondition = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pseudonymised'), note: z.string().optional() }).strict(),
  z.object({ type: z.literal('aggregated_only'), note: z.string().optional() }).strict(),
  z
    .object({
      type: z.literal('generalised'),
      granularity: Granularity,
      decimals: z.number().int().min(0).max(8).optional(),
      note: z.string().optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('masked'),
      keepFirst: z.number().int().min(0).max(32),
      keepLast: z.number().int().min(0).max(32),
      note: z.string().optional(),
    })
    .strict(),
  z.object({ type: z.literal('recipient_types'), allowed: z.array(RecipientType).min(1) }).strict(),
  z.object({ type: z.literal('requirement'), text: Bilingual }).strict(),
]);

export const ListField = z
  .object({
    id: Id,
    zh: z.string().min(1),
    en: z.string().min(1),
    description: z.string().optional(),
    infoTypes: z.array(InfoTypeSchema).default([]),
    piClass: PiClassSchema,
    aliases: z.array(z.string().min(1)).default([]),
    conditions: z.array(FieldCondition).default([]),
  })
  .strict();

export const ListCategory = z
  .object({
    id: Id,
    zh: z.string().min(1),
    en: z.string().min(1),
    description: z.string().optional(),
    fields: z.array(ListField).min(1),
  })
  .strict();

const common = {
  schemaVersion: z.literal(LIST_SCHEMA_VERSION),
  id: Id,
  version: Version,
  title: Bilingual,
  issuer: Issuer,
  effective: IsoDate,
  expires: IsoDate.optional(),
  illustrative: z.boolean(),
  supersedes: Version.optional(),
  sources: z.array(Source).default([]),
  notes: z.string().optional(),
  signature: Signature.optional(),
};

export const GeneralDataList = z
  .object({
    kind: z.literal('GeneralDataList'),
    ...common,
    domain: Id,
    /** The free-trade zone the list belongs to, e.g. `lingang`. */
    zone: Id,
    scenario: z.object({ id: Id, zh: z.string().min(1), en: z.string().min(1) }).strict(),
    categories: z.array(ListCategory).min(1),
  })
  .strict();

export const Threshold = z
  .object({
    /** What is counted. */
    measure: z.enum(['subjects', 'sensitive_subjects', 'records', 'bytes']),
    /** 以上 → `gte` (includes the number); 超过 → `gt`. */
    comparison: z.enum(['gte', 'gt']),
    value: z.number().int().min(0),
    window: z.enum(['calendar_year', 'per_transfer', 'cumulative']),
    note: z.string().optional(),
  })
  .strict();

export const Procedure = z.enum(['security_assessment', 'contract_or_certification']);

export const NegativeEntry = z
  .object({
    id: Id,
    sector: Id,
    scenario: z.string().optional(),
    category: Bilingual,
    description: Bilingual,
    infoTypes: z.array(InfoTypeSchema).default([]),
    /** Field ids of general data lists this entry catches (`list_id#field_id` or bare field id). */
    fields: z.array(z.string().min(1)).default([]),
    /** Header keywords that signal this data in a dataset (zh, en, pinyin). */
    keywords: z.array(z.string().min(1)).default([]),
    /** Without a threshold, any amount is caught; with one, only at or above it. */
    threshold: Threshold.optional(),
    scope: z.string().optional(),
    procedure: Procedure,
  })
  .strict();

export const NegativeList = z
  .object({
    kind: z.literal('NegativeList'),
    ...common,
    /** The zones whose processors may rely on this list, e.g. `[shanghai_ftz, lingang]`. */
    zones: z.array(Id).min(1),
    entries: z.array(NegativeEntry).min(1),
  })
  .strict();

export const ListDocument = z.discriminatedUnion('kind', [GeneralDataList, NegativeList]);

export type Bilingual = z.infer<typeof Bilingual>;
export type FieldCondition = z.infer<typeof FieldCondition>;
export type ListField = z.infer<typeof ListField>;
export type ListCategory = z.infer<typeof ListCategory>;
export type GeneralDataList = z.infer<typeof GeneralDataList>;
export type NegativeEntry = z.infer<typeof NegativeEntry>;
export type NegativeList = z.infer<typeof NegativeList>;
export type ListDocument = z.infer<typeof ListDocument>;
export type Signature = z.infer<typeof Signature>;
export type Threshold = z.infer<typeof Threshold>;
export type Procedure = z.infer<typeof Procedure>;
export type RecipientType = z.infer<typeof RecipientType>;

export const KNOWN_INFO_TYPES: readonly string[] = INFO_TYPE_NAMES;

/** All fields of a general data list, in document order, with their category. */
export function listFields(list: GeneralDataList): Array<ListField & { category: string }> {
  const out: Array<ListField & { category: string }> = [];
  for (const c of list.categories) for (const f of c.fields) out.push({ ...f, category: c.id });
  return out;
}

/** `id@version`. */
export function refOf(doc: { id: string; version: string }): string {
  return `${doc.id}@${doc.version}`;
}
