/**
 * @module core/assess/profile
 * The transfer profile (written by other tools, read by `datapass assess`): zod `.strict()` so an unknown
 * key is an error naming it, plus the semantic checks (known FTZ zone, counts that can exist).
 */
import { z } from 'zod';
import { didYouMean, fail, ok, type Problem, problem, type Result } from '../problems.js';
import { zodProblems } from '../zod-problems.js';
import type { Zone } from './rules.js';

/**
 * More distinct individuals than live on earth (about 8.2 billion in 2025, UN WPP 2024): a count above this
 * cannot be right. Kept well above the real figure so it never rejects a true count.
 */
export const MAX_SUBJECTS = 9_000_000_000;

const Count = z.number().int().min(0);

export const TransferProfileSchema = z
  .object({
    exporter: z
      .object({
        name: z.string().min(1),
        ciio: z.boolean(),
        /** An FTZ id from the rules file's zone table. */
        zone: z.string().min(1).optional(),
      })
      .strict(),
    recipient: z
      .object({
        name: z.string().min(1),
        /** ISO 3166-1 alpha-2. */
        country: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. `DE`'),
      })
      .strict(),
    /** A general-data-list id (optionally `@VERSION`). */
    scenario: z.string().min(1).optional(),
    /** Order 16 Art. 5(1)–(3) grounds; absent means `none`. */
    basis: z.enum(['none', 'contract', 'hr', 'emergency']).optional(),
    /** Order 16 Art. 4; absent means `domestic`. */
    origin: z.enum(['domestic', 'foreign_transit']).optional(),
    data: z
      .object({
        personalSubjectsYtd: Count.optional(),
        sensitiveSubjectsYtd: Count.optional(),
        importantData: z.boolean().optional(),
        coreData: z.boolean().optional(),
        onNegativeList: z.boolean().optional(),
      })
      .strict(),
  })
  .strict();

export type TransferProfile = z.infer<typeof TransferProfileSchema>;

/** Parses a profile and checks what zod cannot: the zone is an FTZ, counts are below {@link MAX_SUBJECTS}. */
export function parseProfile(input: unknown, zones: readonly Zone[]): Result<TransferProfile> {
  const r = TransferProfileSchema.safeParse(input);
  if (!r.success) return fail(zodProblems(r.error, input));
  const p = r.data;
  const problems: Problem[] = [];
  if (p.exporter.zone !== undefined && !zones.some((z) => z.id === p.exporter.zone)) {
    const help = didYouMean(
      p.exporter.zone,
      zones.map((z) => z.id),
    );
    problems.push(
      problem(
        'assess.unknown_zone',
        { zone: p.exporter.zone },
        ['exporter', 'zone'],
        help ? { help } : { help: `known zones: ${zones.map((z) => z.id).join(', ')}` },
      ),
    );
  }
  for (const key of ['personalSubjectsYtd', 'sensitiveSubjectsYtd'] as const) {
    const v = p.data[key];
    if (v !== undefined && v > MAX_SUBJECTS)
      problems.push(
        problem('assess.count_too_large', { key, value: v, detail: `more than ${MAX_SUBJECTS} people` }, ['data', key]),
      );
  }
  // Whoever has sensitive PI exported has ordinary PI exported with it (an ID number alone carries a birth
  // date and sex), so a positive non-sensitive count below the sensitive count cannot be right. A zero
  // non-sensitive count is read as "only sensitive figures given" and accepted.
  const pc = p.data.personalSubjectsYtd;
  const sc = p.data.sensitiveSubjectsYtd;
  if (pc !== undefined && sc !== undefined && pc > 0 && sc > pc)
    problems.push(
      problem(
        'assess.count_too_large',
        {
          key: 'sensitiveSubjectsYtd',
          value: sc,
          detail: `more sensitive subjects than the ${pc} individuals whose personal information is exported`,
        },
        ['data', 'sensitiveSubjectsYtd'],
      ),
    );
  if (problems.length > 0) return fail(problems);
  return ok(p);
}
