/**
 * @module adapters/lists/catalogue
 * The list catalogue: shipped list documents (the `lists/` folder) plus those imported into the
 * database, each verified against the trust store. Only trusted documents resolve (fail closed).
 *
 * @example
 * const cat = openCatalogue({ dataDir: 'data' });
 * const list = cat.resolveGeneral('lingang.icv.after_sales');        // version in force today
 * const old = cat.resolveGeneral('lingang.icv.after_sales@1.0.0');
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve as resolvePath } from 'node:path';
import canonicalize from 'canonicalize';
import type { GeneralDataList, ListDocument, NegativeList } from '../../core/lists/schema.js';
import { refOf } from '../../core/lists/schema.js';
import { type TrustedKey, verifyDocument } from '../../core/lists/trust.js';
import { parseListDocument } from '../../core/lists/validate.js';
import { parseListRef, resolveVersion, statusOn, versionInForce } from '../../core/lists/versions.js';
import type { Clock } from '../../core/ports.js';
import { DataPassError, type Problem, problem, sortProblems } from '../../core/problems.js';
import { systemClock } from '../clock.js';
import { ed25519 } from '../crypto/ed25519.js';
import { checkDataDirReadable, shippedListsDir } from '../paths.js';
import { type Db, openDatabase } from '../sqlite/db.js';
import { loadYamlFile } from '../yaml/load.js';
import { loadTrustStore } from './trust-store.js';

export interface CatalogueEntry {
  doc: ListDocument;
  origin: 'shipped' | 'imported';
  /** The file it came from (shipped lists). */
  file?: string;
  trusted: boolean;
  /** Why it is not trusted. */
  problems: Problem[];
  keyId?: string;
}

export interface Catalogue {
  readonly clock: Clock;
  readonly keys: readonly TrustedKey[];
  /** Every document, trusted or not, sorted by id then version. */
  entries(): CatalogueEntry[];
  /** Trusted versions of one list id. */
  versions(id: string): ListDocument[];
  /** `ID` (version in force on `date`, default today) or `ID@VERSION`; throws a DataPassError. */
  resolve(ref: string, date?: string): ListDocument;
  resolveGeneral(ref: string, date?: string): GeneralDataList;
  resolveNegative(ref: string, date?: string): NegativeList;
  /** Negative lists in force on `date` that cover `zone`. */
  negativeListsFor(zone: string, date?: string): NegativeList[];
  /** Status of a version on a date: in_force, superseded, expired or pending. */
  status(doc: ListDocument, date?: string): 'in_force' | 'superseded' | 'expired' | 'pending';
  /** Stores a verified document; throws on conflict. Returns false when it was already there. */
  importDocument(doc: ListDocument): boolean;
  close(): void;
}

export interface CatalogueOptions {
  dataDir: string;
  clock?: Clock;
  listsDir?: string;
}

function walkYaml(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const n of names.sort()) {
    const p = join(dir, n);
    const st = statSync(p);
    if (st.isDirectory()) out.push(...walkYaml(p));
    else if (/\.ya?ml$/.test(n)) out.push(p);
  }
  return out;
}

/** SHA-256 of the canonical JSON, to tell whether two copies of id@version are the same document. */
export function documentDigest(doc: object): string {
  return createHash('sha256')
    .update(canonicalize(doc) ?? '')
    .digest('hex');
}

/** Loads, validates and verifies one list file. Throws on syntax or schema problems. */
export function loadListFile(file: string): ListDocument {
  const y = loadYamlFile(file);
  const r = parseListDocument(y.value);
  if (!r.ok) throw new DataPassError(sortProblems(y.locate(r.problems)));
  return r.value;
}

export function openCatalogue(opts: CatalogueOptions): Catalogue {
  const clock = opts.clock ?? systemClock();
  const keys = loadTrustStore(opts.dataDir);
  // Reading the catalogue where no database exists yet (a fresh data directory) creates nothing: there are no
  // imported lists; the first import creates it.
  checkDataDirReadable(opts.dataDir);
  const dbFile = join(resolvePath(opts.dataDir), 'datapass.db');
  let db: Db | undefined = existsSync(dbFile) ? openDatabase(opts.dataDir) : undefined;
  const today = clock.today();
  const shippedDir = opts.listsDir ?? shippedListsDir();

  const check = (doc: ListDocument): Pick<CatalogueEntry, 'trusted' | 'problems' | 'keyId'> => {
    // Signature, key and issuer are checked today; the document's own window is judged per use.
    const v = verifyDocument(doc, keys, ed25519, { date: today, checkValidity: false });
    return v.trusted ? { trusted: true, problems: [], keyId: v.key.keyId } : { trusted: false, problems: v.problems };
  };

  const all: CatalogueEntry[] = [];
  for (const file of walkYaml(shippedDir)) {
    let doc: ListDocument;
    try {
      doc = loadListFile(file);
    } catch (err) {
      if (err instanceof DataPassError) {
        all.push({
          doc: { kind: 'GeneralDataList', id: relative(shippedDir, file), version: '0' } as unknown as ListDocument,
          origin: 'shipped',
          file,
          trusted: false,
          problems: err.problems,
        });
        continue;
      }
      throw err;
    }
    all.push({ doc, origin: 'shipped', file, ...check(doc) });
  }
  const rows = (db?.prepare('SELECT doc FROM lists ORDER BY id, version').all() ?? []) as { doc: string }[];
  for (const row of rows) {
    let stored: unknown;
    try {
      stored = JSON.parse(row.doc);
    } catch {
      continue; // a damaged row is not a list; it never resolves
    }
    const r = parseListDocument(stored);
    if (!r.ok) continue;
    if (all.some((e) => e.doc.id === r.value.id && e.doc.version === r.value.version)) continue;
    all.push({ doc: r.value, origin: 'imported', ...check(r.value) });
  }
  all.sort((a, b) =>
    a.doc.id < b.doc.id
      ? -1
      : a.doc.id > b.doc.id
        ? 1
        : a.doc.version.localeCompare(b.doc.version, 'en', { numeric: true }),
  );

  const trustedVersions = (id: string): ListDocument[] =>
    all.filter((e) => e.trusted && e.doc.id === id).map((e) => e.doc);

  const resolve = (ref: string, date = today): ListDocument => {
    const parsed = parseListRef(ref);
    if (!parsed.ok) throw new DataPassError(parsed.problems);
    const { id } = parsed.value;
    const untrusted = all.filter((e) => !e.trusted && e.doc.id === id);
    const versions = trustedVersions(id);
    if (versions.length === 0 && untrusted.length > 0) throw new DataPassError(untrusted[0]?.problems ?? []);
    const r = resolveVersion(versions, parsed.value, date);
    if (!r.ok) throw new DataPassError(r.problems);
    return r.value;
  };

  return {
    clock,
    keys,
    entries: () => all,
    versions: trustedVersions,
    resolve,
    resolveGeneral(ref, date) {
      const doc = resolve(ref, date);
      if (doc.kind !== 'GeneralDataList')
        throw new DataPassError(problem('list.kind_mismatch', { expected: 'GeneralDataList', received: doc.kind }));
      return doc;
    },
    resolveNegative(ref, date) {
      const doc = resolve(ref, date);
      if (doc.kind !== 'NegativeList')
        throw new DataPassError(problem('list.kind_mismatch', { expected: 'NegativeList', received: doc.kind }));
      return doc;
    },
    negativeListsFor(zone, date = today) {
      const ids = [...new Set(all.filter((e) => e.trusted && e.doc.kind === 'NegativeList').map((e) => e.doc.id))];
      const out: NegativeList[] = [];
      for (const id of ids) {
        const v = versionInForce(trustedVersions(id), date);
        if (v && v.kind === 'NegativeList' && v.zones.includes(zone)) out.push(v);
      }
      return out;
    },
    status(doc, date = today) {
      return statusOn(doc, trustedVersions(doc.id), date);
    },
    importDocument(doc) {
      const digest = documentDigest(doc);
      const existing = all.find((e) => e.doc.id === doc.id && e.doc.version === doc.version);
      if (existing) {
        if (documentDigest(existing.doc) === digest) return false;
        throw new DataPassError(problem('list.already_imported', { id: doc.id, version: doc.version }));
      }
      db ??= openDatabase(opts.dataDir);
      db.prepare('INSERT INTO lists (id, version, kind, doc, sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?)').run(
        doc.id,
        doc.version,
        doc.kind,
        JSON.stringify(doc),
        digest,
        clock.now().toISOString(),
      );
      all.push({ doc, origin: 'imported', ...check(doc) });
      return true;
    },
    close() {
      db?.close();
    },
  };
}

export { refOf };
