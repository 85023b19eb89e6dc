/**
 * @module core/enforce/manifest
 * The export manifest (`kind: ExportManifest`, `schemaVersion: 1`): what an approved transfer may send, to whom,
 * and how each field is treated on the way out. Unknown keys are rejected (zod `.strict()`); a field not named
 * here never leaves (deny by default). Format: docs/gateway.md.
 */
import { z } from 'zod';
import { Bilingual, Id, IsoDate, PiClassSchema, RecipientType, Signature, Version } from '../lists/schema.js';
import { fail, ok, type Problem, problem, type Result } from '../problems.js';
import { zodProblems } from '../zod-problems.js';

export const MANIFEST_SCHEMA_VERSION = 1;

/**
 * A dotted path into a record: `vin`, `owner.address.city`. Segments are JSON keys without dots, quotes,
 * backslashes or control characters (so a key's bytes are the same raw and JSON-encoded).
 */
export const FieldPath = z
  .string()
  .regex(
    /^[^.\s"\\\u0000-\u001f][^."\\\u0000-\u001f]*(\.[^.\s"\\\u0000-\u001f][^."\\\u0000-\u001f]*)*$/,
    'dotted path such as `owner.name`',
  );
const Country = z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code such as `DE`');

export const GeneralizeTo = z.enum([
  'year',
  'month',
  'age_band',
  'decimals',
  'region',
  'birth_year',
  'region_birth_year',
  'wmi',
  'province',
]);

const note = z.string().optional();
const listField = z.string().min(1).optional();
const piClass = PiClassSchema.optional();
const path = FieldPath;
const common = { path, listField, piClass, note };

export const FieldRule = z.discriminatedUnion('operator', [
  z.object({ operator: z.literal('keep'), ...common }).strict(),
  z.object({ operator: z.literal('drop'), ...common }).strict(),
  z
    .object({
      operator: z.literal('mask'),
      ...common,
      params: z
        .object({
          keepFirst: z.number().int().min(0).max(64),
          keepLast: z.number().int().min(0).max(64),
          char: z.string().length(1).optional(),
        })
        .strict(),
    })
    .strict(),
  z
    .object({
      operator: z.literal('hash'),
      ...common,
      params: z.object({}).strict().optional(),
    })
    .strict(),
  z
    .object({
      operator: z.literal('tokenize'),
      ...common,
      params: z
        .object({ namespace: z.string().min(1).optional() })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      operator: z.literal('generalize'),
      ...common,
      params: z
        .object({
          to: GeneralizeTo,
          /** Width of an age band (default 10). */
          width: z.number().int().min(1).max(100).optional(),
          /** Decimals kept for coordinates (default 2). */
          decimals: z.number().int().min(0).max(8).optional(),
        })
        .strict(),
    })
    .strict(),
]);

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A row is suppressed (not sent, not rejected) when its value at `path` matches. */
export const SuppressRule = z
  .object({
    path,
    equals: scalar.optional(),
    in: z.array(scalar).min(1).optional(),
    /** A regular expression (JavaScript syntax) tested against the value's text. */
    matches: z.string().min(1).optional(),
    /** `true`: suppress when the value is present and not null; `false`: when it is missing or null. */
    exists: z.boolean().optional(),
    note,
  })
  .strict();

export const Recipient = z
  .object({
    name: z.string().min(1),
    type: RecipientType,
    countries: z.array(Country).min(1),
  })
  .strict();

export const ExportManifest = z
  .object({
    schemaVersion: z.literal(MANIFEST_SCHEMA_VERSION),
    kind: z.literal('ExportManifest'),
    id: Id,
    version: Version,
    issuer: z.object({ id: Id, name: Bilingual }).strict(),
    /** The exporting enterprise (data processor): a stable name or its unified social credit code. */
    exporter: z.string().min(1),
    recipients: z.array(Recipient).min(1),
    list: z.object({ id: Id, version: Version }).strict(),
    effective: IsoDate,
    expires: IsoDate,
    /** Paths whose values identify the data subject (joined when several); records without them are rejected. */
    subjectKeys: z.array(path).min(1),
    /** Which subject set a batch counts in; default: derived from the piClass of the fields that leave. */
    subjectClass: PiClassSchema.optional(),
    fields: z.array(FieldRule).min(1),
    suppress: z.array(SuppressRule).default([]),
    /** When true, the manifest must carry a signature a trusted key verifies. */
    requireSignature: z.boolean().optional(),
    notes: z.string().optional(),
    signature: Signature.optional(),
  })
  .strict();

export type ExportManifest = z.infer<typeof ExportManifest>;
export type FieldRule = z.infer<typeof FieldRule>;
export type SuppressRule = z.infer<typeof SuppressRule>;
export type Recipient = z.infer<typeof Recipient>;
export type Operator = FieldRule['operator'];
export type GeneralizeTo = z.infer<typeof GeneralizeTo>;

export const OPERATORS: readonly Operator[] = ['keep', 'drop', 'mask', 'hash', 'tokenize', 'generalize'];

/** The issuer id of the regulator: manifests it issues always need a signature. */
export const REGULATOR_ISSUERS: readonly string[] = ['lingang-admin'];

/** Schema + semantic checks; returns every problem. */
export function parseManifest(input: unknown): Result<ExportManifest> {
  const r = ExportManifest.safeParse(input);
  if (!r.success) return fail(zodProblems(r.error, input));
  const m = r.data;
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  m.fields.forEach((f, i) => {
    const first = seen.get(f.path);
    if (first !== undefined)
      problems.push(
        problem('gateway.duplicate_field_path', { path: f.path, first: `fields[${first}]` }, ['fields', i, 'path']),
      );
    else seen.set(f.path, i);
    if (f.path.split('.').includes('__proto__'))
      problems.push(problem('gateway.forbidden_path', { path: f.path }, ['fields', i, 'path']));
  });
  // A path and one of its prefixes cannot both be named: `owner` kept whole would send `owner.phone`.
  const paths = [...seen.keys()];
  m.fields.forEach((f, i) => {
    for (const other of paths)
      if (other !== f.path && f.path.startsWith(`${other}.`))
        problems.push(problem('gateway.overlapping_paths', { path: f.path, parent: other }, ['fields', i, 'path']));
  });
  m.suppress.forEach((s, i) => {
    const conds = [s.equals !== undefined, s.in !== undefined, s.matches !== undefined, s.exists !== undefined].filter(
      Boolean,
    );
    if (conds.length !== 1) problems.push(problem('gateway.suppress_condition', { path: s.path }, ['suppress', i]));
    if (s.matches !== undefined) {
      try {
        new RegExp(s.matches, 'u');
      } catch (err) {
        problems.push(
          problem('schema.invalid_format', { format: 'regular expression', detail: `: ${(err as Error).message}` }, [
            'suppress',
            i,
            'matches',
          ]),
        );
      }
    }
  });
  if (m.expires < m.effective)
    problems.push(problem('list.expiry_before_effective', { expires: m.expires, effective: m.effective }, ['expires']));
  const recipients = new Set<string>();
  m.recipients.forEach((r, i) => {
    if (recipients.has(r.name))
      problems.push(problem('gateway.duplicate_recipient', { name: r.name }, ['recipients', i, 'name']));
    recipients.add(r.name);
  });
  return problems.length > 0 ? fail(problems) : ok(m);
}

/** Whether a signature is needed: the manifest says so, or the regulator issued it. */
export function signatureRequired(m: ExportManifest, force = false): boolean {
  return force || m.requireSignature === true || REGULATOR_ISSUERS.includes(m.issuer.id);
}

/**
 * The subject class a batch counts in: the manifest's `subjectClass`, else the highest piClass of the fields that
 * leave in any form (a hash or token of personal information is still personal information).
 * INVARIANT: `compile.ts` repeats this rule (it must not import the schema); a test checks they agree.
 */
export function subjectClassOf(m: ExportManifest): 'none' | 'personal' | 'sensitive' {
  if (m.subjectClass) return m.subjectClass;
  let cls: 'none' | 'personal' | 'sensitive' = 'none';
  for (const f of m.fields) {
    if (f.operator === 'drop') continue;
    if (f.piClass === 'sensitive') return 'sensitive';
    if (f.piClass === 'personal') cls = 'personal';
  }
  return cls;
}

/** Finds a recipient and checks the destination country; returns problems when the transfer is not covered. */
export function checkDestination(
  m: ExportManifest,
  to: string | undefined,
  country: string | undefined,
): Result<{ recipient: Recipient; country: string }> {
  let recipient: Recipient | undefined;
  const known = m.recipients.map((r) => r.name).join(', ');
  if (to === undefined) {
    if (m.recipients.length !== 1) return fail([problem('gateway.recipient_required', { known })]);
    recipient = m.recipients[0] as Recipient;
  } else {
    recipient = m.recipients.find((r) => r.name === to);
    if (!recipient) return fail([problem('gateway.recipient_not_allowed', { recipient: to, known })]);
  }
  // Country codes are written in capitals in manifests (the schema's rule); `de` on the command line means `DE`.
  let c = country !== undefined && /^[a-z]{2}$/i.test(country) ? country.toUpperCase() : country;
  if (c === undefined) {
    if (recipient.countries.length !== 1)
      return fail([
        problem('gateway.country_required', { recipient: recipient.name, known: recipient.countries.join(', ') }),
      ]);
    c = recipient.countries[0] as string;
  }
  if (!recipient.countries.includes(c))
    return fail([
      problem('gateway.country_not_allowed', {
        country: c,
        recipient: recipient.name,
        known: recipient.countries.join(', '),
      }),
    ]);
  return ok({ recipient, country: c });
}

/** A minimal manifest a test parses (Vector `GenerateConfig`). */
export function exampleManifest(): ExportManifest {
  return {
    schemaVersion: 1,
    kind: 'ExportManifest',
    id: 'acme.after_sales.to_de',
    version: '1.0.0',
    issuer: { id: 'acme', name: { zh: '示例汽车', en: 'Acme Motors' } },
    exporter: 'acme-motors-shanghai',
    recipients: [{ name: 'acme-gmbh', type: 'headquarters', countries: ['DE'] }],
    list: { id: 'lingang.icv.after_sales', version: '1.1.0' },
    effective: '2026-01-01',
    expires: '2026-12-31',
    subjectKeys: ['vin'],
    fields: [
      { path: 'vin', operator: 'hash', listField: 'vin', piClass: 'personal' },
      { path: 'brand', operator: 'keep', listField: 'brand', piClass: 'none' },
      { path: 'owner_name', operator: 'drop', note: 'not on the list' },
    ],
    suppress: [],
  };
}
