/**
 * @module adapters/assess
 * The I/O around the pure assessment core: the rules file (YAML, with locations), the transfer profile,
 * a saved scan report or a dataset scanned on the fly, year-to-date counts from the ledger, distinct
 * subjects of this transfer, and the list catalogue.
 *
 * @example
 * const decision = await runAssessment({ dataDir: 'data', date: '2025-06-01', profileFile: 'profile.json' });
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import {
  type AssessInput,
  assess,
  type Decision,
  type DecisionReason,
  formatCount,
  type Volumes,
} from '../../core/assess/engine.js';
import {
  columnPiClass,
  decideFields,
  type FieldContext,
  factsFromFields,
  type ScanColumnLike,
  type ScanReportLike,
} from '../../core/assess/fields.js';
import { parseProfile, type TransferProfile } from '../../core/assess/profile.js';
import { parseRulesFile, type RulesFile } from '../../core/assess/rules.js';
import { type DocumentKind, documentKindOf } from '../../core/documents.js';
import { type GeneralDataList, type NegativeList, RecipientType } from '../../core/lists/schema.js';
import { compareVersions } from '../../core/lists/validate.js';
import { inForce, parseListRef } from '../../core/lists/versions.js';
import { DataPassError, problem } from '../../core/problems.js';
import { zodProblems } from '../../core/zod-problems.js';
import { ledgerExists, openLedger } from '../ledger/index.js';
import { type Catalogue, openCatalogue } from '../lists/catalogue.js';
import { PACKAGE_ROOT } from '../paths.js';
import { openSource } from '../sources/index.js';
import { loadYamlFile } from '../yaml/load.js';

/** The shipped rules. `DATAPASS_RULES_DIR` replaces them. */
export function shippedRulesDir(): string {
  return process.env.DATAPASS_RULES_DIR ?? join(PACKAGE_ROOT, 'rules');
}

/** Loads one rules file; throws a DataPassError with `file:line:col` locations. */
export function loadRulesFile(file: string): RulesFile {
  const y = loadYamlFile(file);
  const r = parseRulesFile(y.value);
  if (!r.ok) throw new DataPassError(y.locate(r.problems));
  return r.value;
}

/** Loads every rules file in `dir` and returns the one in force on `date` (highest version wins). */
export function loadRules(dir: string, date: string): RulesFile {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new DataPassError(problem('input.file_not_found', {}, [], { location: { file: dir } }));
    throw new DataPassError(
      problem(
        'input.file_unreadable',
        { reason: code === 'ENOTDIR' ? 'not a directory of rules files' : String(code ?? err) },
        [],
        {
          location: { file: dir },
        },
      ),
    );
  }
  let best: RulesFile | undefined;
  for (const n of names) {
    if (!/\.ya?ml$/.test(n)) continue;
    const doc = loadRulesFile(join(dir, n));
    if (doc.effective > date) continue;
    if (!best || compareVersions(doc.version, best.version) > 0) best = doc;
  }
  if (!best) throw new DataPassError(problem('assess.no_rules_file', { date, dir }));
  return best;
}

function wrongDocument(file: string, value: unknown, expected: DocumentKind, help?: string): void {
  const kind = documentKindOf(value);
  if (kind === undefined || kind === expected) return;
  throw new DataPassError(
    problem('input.wrong_document', { expected, received: kind }, [], {
      location: { file },
      ...(help ? { help } : {}),
    }),
  );
}

/** Reads and checks a transfer profile (JSON, or YAML); problems carry `file:line:col`. */
export function loadProfile(file: string, rules: RulesFile): TransferProfile {
  const y = loadYamlFile(file);
  wrongDocument(
    file,
    y.value,
    'transfer-profile',
    documentKindOf(y.value) === 'scan-report' ? 'give a scan report with --scan' : undefined,
  );
  const r = parseProfile(y.value, rules.zones);
  if (!r.ok) throw new DataPassError(y.locate(r.problems));
  // `scenario` names a list: `ID` or `ID@VERSION`; anything else is a typo, not an unknown scenario.
  if (r.value.scenario !== undefined) {
    const ref = parseListRef(r.value.scenario);
    if (!ref.ok) throw new DataPassError(y.locate(ref.problems.map((p) => ({ ...p, path: ['scenario'] }))));
  }
  return r.value;
}

const ScanReportFile = z
  .object({
    columns: z.array(
      z
        .object({
          name: z.string(),
          infoType: z.string().nullable(),
          piClass: z.enum(['none', 'personal', 'sensitive']),
          confidence: z.number().default(1),
          findings: z.record(z.string(), z.number()).default({}),
          listField: z.string().optional(),
        })
        .passthrough(),
    ),
    rowsRead: z.number().int().min(0).optional(),
    source: z.string().optional(),
  })
  .passthrough();

/** Reads a saved scan report (`datapass scan --json`). */
export function loadScanReport(file: string): ScanReportLike & { rowsRead?: number; source?: string } {
  const y = loadYamlFile(file);
  wrongDocument(
    file,
    y.value,
    'scan-report',
    documentKindOf(y.value) === 'transfer-profile'
      ? 'give a transfer profile as the argument or with --profile'
      : undefined,
  );
  const r = ScanReportFile.safeParse(y.value);
  if (!r.success) throw new DataPassError(y.locate(zodProblems(r.error)));
  return r.data as ScanReportLike & { rowsRead?: number; source?: string };
}

/** Scans a dataset with the scanner (`src/adapters/scan`). */
async function scanDataset(
  spec: string,
  list: GeneralDataList | undefined,
): Promise<ScanReportLike & { rowsRead?: number }> {
  // Loaded only when a dataset (not a saved report) is given: the scanner and its readers are large.
  const { scanSource } = await import('../scan/index.js');
  return scanSource(spec, list ? { list } : {});
}

/** Identifier types that best single out a person, best first: the subject key of a dataset. */
const SUBJECT_KEY_TYPES = [
  'CN_RESIDENT_ID',
  'CN_PASSPORT',
  'CN_HMT_PERMIT',
  'CN_MOBILE',
  'EMAIL',
  'BANK_CARD',
  'VIN',
  'CN_LICENSE_PLATE',
  'IMEI',
  'MAC_ADDRESS',
  'CN_LANDLINE',
  'PERSON_NAME',
];
const SUBJECT_HEADER =
  /(subject|patient|member|customer|employee|user)[\s_-]*(id|code|no|number)?$|受试者|患者|会员|客户|员工|用户/i;

/** The column that identifies the data subject: the best identifier type, else a subject-like header. */
export function subjectKeyColumn(columns: readonly ScanColumnLike[]): string | undefined {
  for (const t of SUBJECT_KEY_TYPES) {
    const c = columns.find((col) => col.infoType === t);
    if (c) return c.name;
  }
  return columns.find((c) => SUBJECT_HEADER.test(c.name))?.name;
}

/** Distinct non-empty values of one column, and the number of rows read. */
async function countDistinct(spec: string, column: string | undefined): Promise<{ distinct: number; rows: number }> {
  const reader = await openSource(spec);
  const seen = new Set<string>();
  let rows = 0;
  try {
    for await (const batch of reader.rowsAsArrays()) {
      const idx = column === undefined ? -1 : reader.columns().indexOf(column);
      for (const values of batch) {
        rows++;
        if (idx < 0) continue;
        const v = values[idx];
        if (v !== null && v !== undefined && v.trim() !== '') seen.add(v.trim());
      }
    }
  } finally {
    await reader.close();
  }
  return { distinct: column === undefined ? rows : seen.size, rows };
}

/** The ledger's counts for the exporter and year; zero (and `found: false`) when there is no ledger yet. */
async function ledgerCounts(
  dataDir: string,
  exporter: string,
  year: number,
): Promise<{ personal: number; sensitive: number; found: boolean }> {
  if (!ledgerExists(dataDir)) return { personal: 0, sensitive: 0, found: false };
  const ledger = openLedger(dataDir, { existing: true });
  try {
    const c = await ledger.counts(exporter, year);
    return { ...c, found: true };
  } finally {
    await ledger.close();
  }
}

function note(rule: string, text: string, textZh: string): DecisionReason {
  return {
    rule,
    article: 'CAC Order 16 Arts. 5(4), 7, 8 (counted from 1 January)',
    articleZh: '《促进和规范数据跨境流动规定》第五条第（四）项、第七条、第八条（自当年1月1日起累计）',
    text,
    textZh,
    confidence: 'confirmed',
  };
}

export interface AssessOptions {
  dataDir: string;
  /** Transfer date `YYYY-MM-DD`. */
  date: string;
  profileFile?: string;
  /** `ID[@VERSION]` of a general data list. */
  list?: string;
  /** A dataset source spec (scanned on the fly). */
  dataset?: string;
  /** A saved scan report. */
  scan?: string;
  recipientType?: string;
  rulesDir?: string;
  catalogue?: Catalogue;
}

function resolveListInForce(cat: Catalogue, ref: string, date: string, key: string): GeneralDataList {
  const parsed = parseListRef(ref);
  if (!parsed.ok) throw new DataPassError(parsed.problems.map((p) => ({ ...p, path: [key] })));
  let doc: GeneralDataList;
  try {
    doc = cat.resolveGeneral(ref, date);
  } catch (err) {
    if (err instanceof DataPassError)
      throw new DataPassError(err.problems.map((p) => ({ ...p, path: [key, ...p.path] })));
    throw err;
  }
  if (!inForce(doc, date))
    throw new DataPassError(
      problem(
        'assess.list_not_in_force',
        { id: doc.id, version: doc.version, date, window: `${doc.effective} to ${doc.expires ?? 'open'}` },
        [key],
      ),
    );
  return doc;
}

/** Runs one assessment end to end. Throws DataPassError on bad input (exit 2). */
export async function runAssessment(opts: AssessOptions): Promise<Decision> {
  const rules = loadRules(opts.rulesDir ?? shippedRulesDir(), opts.date);
  let recipientType: FieldContext['recipientType'];
  if (opts.recipientType !== undefined) {
    const r = RecipientType.safeParse(opts.recipientType);
    if (!r.success)
      throw new DataPassError(
        problem('usage.invalid_argument', {
          name: '--recipient-type',
          value: opts.recipientType,
          detail: `: expected one of ${RecipientType.options.join(', ')}`,
        }),
      );
    recipientType = r.data;
  }
  const profileGiven = opts.profileFile !== undefined;
  let profile: TransferProfile | undefined = profileGiven ? loadProfile(opts.profileFile as string, rules) : undefined;
  const hasData = opts.dataset !== undefined || opts.scan !== undefined;

  const notes: DecisionReason[] = [];
  const ownCatalogue =
    opts.catalogue === undefined &&
    (opts.list !== undefined || hasData || profile?.scenario !== undefined || profile?.exporter.zone !== undefined);
  const cat = opts.catalogue ?? (ownCatalogue ? openCatalogue({ dataDir: opts.dataDir }) : undefined);
  try {
    // The general data list: --list, else the profile's scenario.
    let list: GeneralDataList | undefined;
    if (opts.list !== undefined && cat) list = resolveListInForce(cat, opts.list, opts.date, '--list');
    else if (profile?.scenario !== undefined && cat) {
      const known = cat.versions(
        parseListRef(profile.scenario).ok ? (profile.scenario.split('@')[0] as string) : profile.scenario,
      );
      if (known.length > 0) list = resolveListInForce(cat, profile.scenario, opts.date, 'scenario');
      else
        notes.push({
          ...note('scenario_list_not_found', '', ''),
          article: 'general data list',
          articleZh: '一般数据清单',
          text: `the scenario list \`${profile.scenario}\` is not in the catalogue: fields were not checked against it`,
          textZh: `场景清单 \`${profile.scenario}\` 不在清单目录中：未据此核对字段`,
        });
    }

    if (!profile) {
      if (!hasData)
        throw new DataPassError(problem('usage.missing_argument', { name: 'PROFILE.json, or --dataset/--scan' }));
      profile = {
        exporter: { name: '(unknown)', ciio: false, ...(list ? { zone: list.zone } : {}) },
        recipient: { name: '(unknown)', country: 'ZZ' },
        data: {},
      };
      notes.push({
        ...note('no_profile_assumptions', '', ''),
        article: 'CAC Order 16 Arts. 5–8',
        articleZh: '《促进和规范数据跨境流动规定》第五条至第八条',
        text: `no profile: assumed a processor that is not a CIIO${list ? `, in zone \`${list.zone}\`` : ''}, basis none, domestic data, no important or core data; give --profile to decide for real`,
        textZh: `未提供画像：假定为非关键信息基础设施运营者${list ? `，位于 \`${list.zone}\`` : ''}，无第五条依据，境内数据，无重要数据和核心数据；请用 --profile 提供画像`,
      });
    }

    // Negative lists that bind the exporter: in its zone (or the parent FTZ), never for a CIIO.
    const zone = profile.exporter.zone;
    let negativeLists: NegativeList[] = [];
    if (zone !== undefined && !profile.exporter.ciio && cat) {
      const parent = rules.zones.find((z) => z.id === zone)?.parent;
      const byId = new Map<string, NegativeList>();
      for (const z of [zone, ...(parent ? [parent] : [])])
        for (const nl of cat.negativeListsFor(z, opts.date)) byId.set(`${nl.id}@${nl.version}`, nl);
      negativeLists = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    }

    // Volumes and fields.
    const year = Number(opts.date.slice(0, 4));
    const pGiven = profile.data.personalSubjectsYtd;
    const sGiven = profile.data.sensitiveSubjectsYtd;
    let fieldsInput: AssessInput['fields'];
    let volumes: Volumes;
    if (hasData) {
      const report =
        opts.scan !== undefined ? loadScanReport(opts.scan) : await scanDataset(opts.dataset as string, list);
      // This transfer's distinct subjects, before any list transform (a hash still identifies the same person).
      const keyCol = subjectKeyColumn(report.columns);
      let thisSubjects: number;
      let rows: number | undefined;
      if (opts.dataset !== undefined) {
        const c = await countDistinct(opts.dataset, keyCol);
        thisSubjects = c.distinct;
        rows = c.rows;
      } else thisSubjects = report.rowsRead ?? 0;
      const classes = report.columns.map((c) => columnPiClass(c));
      const thisPersonal = classes.includes('personal') ? thisSubjects : 0;
      const thisSensitive = classes.includes('sensitive') ? thisSubjects : 0;
      const needLedger = pGiven === undefined || sGiven === undefined;
      const led = needLedger
        ? await ledgerCounts(opts.dataDir, profile.exporter.name, year)
        : { personal: 0, sensitive: 0, found: false };
      if (pGiven === undefined && sGiven === undefined && opts.dataset === undefined && report.rowsRead === undefined)
        throw new DataPassError(
          problem('assess.volumes_missing', { key: 'data.personalSubjectsYtd' }, ['data', 'personalSubjectsYtd']),
        );
      const personal = pGiven ?? led.personal + thisPersonal;
      const sensitive = sGiven ?? led.sensitive + thisSensitive;
      if (pGiven !== undefined && sGiven !== undefined)
        notes.push(note('volumes_from_profile', 'year-to-date volumes taken from the profile', '本年累计数量取自画像'));
      else {
        const how =
          keyCol !== undefined && opts.dataset !== undefined
            ? { en: `distinct values of \`${keyCol}\``, zh: `\`${keyCol}\` 的不同取值数` }
            : {
                en: 'rows (no subject key column found; every row counted as one person)',
                zh: '行数（未找到主体标识列，每行按一人计）',
              };
        const ledgerText = led.found
          ? {
              en: `the ledger's ${formatCount(led.personal)} personal and ${formatCount(led.sensitive)} sensitive subjects of \`${profile.exporter.name}\` in ${year}`,
              zh: `账本中 \`${profile.exporter.name}\` 在 ${year} 年的 ${formatCount(led.personal)} 名个人信息主体和 ${formatCount(led.sensitive)} 名敏感个人信息主体`,
            }
          : {
              en: `no ledger in the data directory yet, so earlier exports count as 0`,
              zh: '数据目录中尚无账本，此前出境按 0 计',
            };
        notes.push(
          note(
            'volumes_from_ledger',
            `year-to-date volumes: ${ledgerText.en}, plus this transfer's ${formatCount(thisSubjects)} subjects (${how.en}); an upper bound, since a person already in the ledger is counted again${pGiven !== undefined || sGiven !== undefined ? '; counts the profile gives take precedence' : ''}`,
            `本年累计数量：${ledgerText.zh}，加上本次传输的 ${formatCount(thisSubjects)} 名主体（${how.zh}）；为上限估计，账本中已有的人会被重复计入${pGiven !== undefined || sGiven !== undefined ? '；画像给出的数量优先' : ''}`,
          ),
        );
      }
      const ctx: FieldContext = {
        ...(recipientType ? { recipientType } : {}),
        volumes: {
          calendar_year: { subjects: personal + sensitive, sensitive_subjects: sensitive },
          per_transfer: {
            subjects: thisSubjects,
            sensitive_subjects: thisSensitive,
            ...(rows !== undefined ? { records: rows } : {}),
          },
        },
      };
      const decisions = decideFields(report, list, negativeLists, ctx);
      fieldsInput = { decisions, facts: factsFromFields(decisions), negativeListsChecked: negativeLists.length > 0 };
      volumes = { personal, sensitive, notes };
    } else {
      if (pGiven === undefined)
        throw new DataPassError(
          problem('assess.volumes_missing', { key: 'data.personalSubjectsYtd' }, ['data', 'personalSubjectsYtd']),
        );
      if (sGiven === undefined)
        throw new DataPassError(
          problem('assess.volumes_missing', { key: 'data.sensitiveSubjectsYtd' }, ['data', 'sensitiveSubjectsYtd']),
        );
      volumes = { personal: pGiven, sensitive: sGiven, notes };
    }

    return assess({
      rules,
      profile,
      date: opts.date,
      volumes,
      ...(fieldsInput ? { fields: fieldsInput } : {}),
      ...(list ? { generalList: { zone: list.zone } } : {}),
      catalogueNegativeList: negativeLists.length > 0,
    });
  } finally {
    if (ownCatalogue) cat?.close();
  }
}
