/**
 * @module core/lists/versions
 * Many versions of one list coexist. These functions pick the one a reference or a date calls for.
 */
import { fail, ok, problem, type Result } from '../problems.js';
import type { ListDocument } from './schema.js';
import { compareVersions } from './validate.js';

export interface ListRef {
  id: string;
  version?: string;
}

/** Parses `ID` or `ID@VERSION`. */
export function parseListRef(ref: string): Result<ListRef> {
  const m = /^([a-z0-9][a-z0-9_.-]*)(?:@(\d+(?:\.\d+){0,2}))?$/.exec(ref.trim());
  if (!m) return fail([problem('list.invalid_ref', { ref })]);
  return ok(m[2] ? { id: m[1] as string, version: m[2] } : { id: m[1] as string });
}

/** True when the document is in force on `date` (effective ≤ date ≤ expires). */
export function inForce(doc: { effective: string; expires?: string | undefined }, date: string): boolean {
  return doc.effective <= date && (doc.expires === undefined || date <= doc.expires);
}

/**
 * The version in force on `date`: of all versions whose window contains the date, the highest version
 * (a later revision supersedes an earlier one that has not formally expired).
 */
export function versionInForce<T extends ListDocument>(versions: readonly T[], date: string): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (!inForce(v, date)) continue;
    if (!best || compareVersions(v.version, best.version) > 0) best = v;
  }
  return best;
}

/** Status of one version on a date. */
export function statusOn(
  doc: { effective: string; expires?: string | undefined; version: string },
  all: readonly { version: string; effective: string; expires?: string | undefined }[],
  date: string,
): 'in_force' | 'superseded' | 'expired' | 'pending' {
  if (date < doc.effective) return 'pending';
  if (doc.expires !== undefined && date > doc.expires) return 'expired';
  const newer = all.some((o) => compareVersions(o.version, doc.version) > 0 && inForce(o, date));
  return newer ? 'superseded' : 'in_force';
}

/**
 * Resolves a reference: an explicit version must exist; without one, the version in force on `date`.
 */
export function resolveVersion<T extends ListDocument>(versions: readonly T[], ref: ListRef, date: string): Result<T> {
  if (versions.length === 0) return fail([problem('list.not_found', { id: ref.id })]);
  if (ref.version !== undefined) {
    const hit = versions.find((v) => compareVersions(v.version, ref.version as string) === 0);
    if (!hit)
      return fail([
        problem('list.version_not_found', {
          id: ref.id,
          version: ref.version,
          known: versions.map((v) => v.version).join(', '),
        }),
      ]);
    return ok(hit);
  }
  const hit = versionInForce(versions, date);
  if (!hit) return fail([problem('list.no_version_in_force', { id: ref.id, date })]);
  return ok(hit);
}
