/**
 * @module cli/manifest
 * `datapass manifest init | sign | check`: draft, sign and dry-run export manifests (docs/gateway.md).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { systemClock } from '../adapters/clock.js';
import { loadSigningKey } from '../adapters/crypto/key-files.js';
import type { ScanReportLike } from '../core/assess/fields.js';
import type { RecipientType } from '../core/lists/schema.js';
import { RecipientType as RecipientTypeSchema } from '../core/lists/schema.js';
import { formatProblem } from '../core/messages/index.js';
import { DataPassError, type Problem, problem } from '../core/problems.js';
import { ExitCode } from './exit-codes.js';
import { action, globalOptions, printJson, usageError } from './run.js';
import { renderTable } from './table.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** The scanner's report of a dataset, columns mapped to the list. */
async function scanColumns(spec: string, listRef: string, dataDir: string): Promise<ScanReportLike> {
  const { openCatalogue } = await import('../adapters/lists/catalogue.js');
  const { scanSource } = await import('../adapters/scan/index.js');
  const cat = openCatalogue({ dataDir });
  try {
    const list = cat.resolveGeneral(listRef);
    return (await scanSource(spec, { list, sample: 10_000 })) as unknown as ScanReportLike;
  } finally {
    cat.close();
  }
}

async function datasetColumns(spec: string): Promise<string[]> {
  const { openSource } = await import('../adapters/sources/index.js');
  const reader = await openSource(spec);
  try {
    let n = 0;
    for await (const batch of reader.rowsAsArrays()) {
      n += batch.length;
      if (n >= 10_000) break;
    }
    return reader.columns();
  } finally {
    await reader.close();
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function registerManifestCommands(program: Command): void {
  const manifest = program
    .command('manifest')
    .description('export manifests: draft one from a scan, sign it, check it against a dataset and the list')
    .addHelpText(
      'after',
      `
Examples:
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv --recipient acme-gmbh --country DE --out m.yaml
  datapass manifest sign m.yaml --key data/keys/acme-trial-1.key
  datapass manifest check m.yaml --dataset orders.csv`,
    );

  manifest
    .command('init')
    .description('draft a manifest from a dataset scan and the field decisions, with a comment per field saying why')
    .requiredOption('--list <ref>', 'general data list, ID or ID@VERSION')
    .requiredOption('--dataset <source>', 'the dataset to export (any source `datapass scan` reads)')
    .option('--recipient <name>', 'recipient abroad (repeatable)', collect)
    .option('--recipient-type <type>', 'recipient type (affiliate, headquarters, …)', 'headquarters')
    .option('--country <cc>', 'destination country, ISO 3166-1 alpha-2 (repeatable)', collect)
    .option('--exporter <name>', 'the exporting enterprise', 'exporter')
    .option('--issuer <id>', 'issuer id (your key’s issuer for a self-signed trial)', 'exporter')
    .option('--id <id>', 'manifest id', 'draft.export')
    .option(
      '--subject-key <path>',
      'subject key path (repeatable; default: the VIN or ID column, else the first)',
      collect,
    )
    .option('--out <file>', 'write the draft here instead of standard output')
    .addHelpText(
      'after',
      `
Example:
  datapass manifest init --list lingang.icv.after_sales --dataset orders.csv \\
    --recipient acme-gmbh --country DE --exporter acme-sh --issuer acme --out acme-to-de.yaml`,
    )
    .action(
      action(
        async (
          opts: {
            list: string;
            dataset: string;
            recipient?: string[];
            recipientType: string;
            country?: string[];
            exporter: string;
            issuer: string;
            id: string;
            subjectKey?: string[];
            out?: string;
          },
          cmd: Command,
        ) => {
          const g = globalOptions(cmd.optsWithGlobals());
          const rt = RecipientTypeSchema.safeParse(opts.recipientType);
          if (!rt.success)
            usageError(
              '--recipient-type',
              opts.recipientType,
              `expected one of ${RecipientTypeSchema.options.join(', ')}`,
            );
          for (const c of opts.country ?? [])
            if (!/^[A-Z]{2}$/.test(c)) usageError('--country', c, 'ISO 3166-1 alpha-2, e.g. DE');
          const clock = systemClock();
          const { openCatalogue } = await import('../adapters/lists/catalogue.js');
          const { decideFields } = await import('../core/assess/fields.js');
          const { draftManifest } = await import('../core/enforce/check.js');
          const cat = openCatalogue({ dataDir: g.dataDir, clock });
          let text: string;
          try {
            const list = cat.resolveGeneral(opts.list);
            const report = await scanColumns(opts.dataset, opts.list, g.dataDir);
            const decisions = decideFields(report, list, cat.negativeListsFor(list.zone), {
              recipientType: rt.data as RecipientType,
            });
            const keyCol =
              decisions.find((d) => d.infoType === 'VIN' || d.listField === 'vin') ??
              decisions.find((d) => d.infoType === 'CN_RESIDENT_ID') ??
              decisions[0];
            const today = clock.today();
            const expires =
              list.expires && list.expires >= today && list.expires < addDays(today, 365)
                ? list.expires
                : addDays(today, 365);
            text = draftManifest(decisions, {
              id: opts.id,
              version: '1.0.0',
              issuer: { id: opts.issuer, name: { zh: opts.exporter, en: opts.exporter } },
              exporter: opts.exporter,
              recipients: [
                {
                  name: opts.recipient?.[0] ?? 'recipient',
                  type: rt.data as string,
                  countries: opts.country ?? ['DE'],
                },
              ],
              list,
              effective: today,
              expires,
              subjectKeys: opts.subjectKey ?? (keyCol ? [keyCol.column] : []),
              dataset: opts.dataset,
            });
          } finally {
            cat.close();
          }
          if (opts.out) {
            writeFileSync(opts.out, text, { flag: 'wx' });
            process.stderr.write(
              `datapass: wrote draft manifest ${opts.out}: review it, then \`datapass manifest sign\`\n`,
            );
          } else process.stdout.write(text);
          return 0;
        },
      ),
    );

  manifest
    .command('sign')
    .description('sign a manifest with an Ed25519 key (in place, comments kept)')
    .argument('<manifest>', 'manifest YAML')
    .requiredOption('--key <keyfile>', 'private key file from `datapass keys generate`')
    .option('--out <file>', 'write the signed manifest here instead of in place')
    .addHelpText('after', '\nExample:\n  datapass manifest sign acme-to-de.yaml --key data/keys/acme-trial-1.key')
    .action(
      action(async (file: string, opts: { key: string; out?: string }) => {
        const { signManifestFile } = await import('../adapters/gateway/manifest-file.js');
        const key = loadSigningKey(opts.key);
        const signed = signManifestFile(file, key, systemClock().now().toISOString(), opts.out ?? file);
        process.stdout.write(`signed \`${signed.id}@${signed.version}\` with key \`${key.keyId}\`\n`);
        return 0;
      }),
    );

  manifest
    .command('check')
    .description('dry run: what would leave, column by column, and whether the manifest agrees with the list in force')
    .argument('<manifest>', 'manifest YAML')
    .requiredOption('--dataset <source>', 'the dataset to check')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  datapass manifest check acme-to-de.yaml --dataset orders.csv')
    .action(
      action(async (file: string, opts: { dataset: string; json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const { loadManifestFile, loadRevokedManifests, manifestTrustProblems } = await import(
          '../adapters/gateway/manifest-file.js'
        );
        const { openCatalogue } = await import('../adapters/lists/catalogue.js');
        const { loadTrustStore } = await import('../adapters/lists/trust-store.js');
        const { checkAgainstList, columnFates } = await import('../core/enforce/check.js');
        const m = loadManifestFile(file);
        const clock = systemClock();
        const cat = openCatalogue({ dataDir: g.dataDir, clock });
        const problems: Problem[] = [];
        try {
          problems.push(
            ...manifestTrustProblems(m, {
              keys: loadTrustStore(g.dataDir),
              date: clock.today(),
              revoked: loadRevokedManifests(g.dataDir),
            }),
          );
          let list: ReturnType<typeof cat.resolveGeneral> | undefined;
          try {
            list = cat.resolveGeneral(m.list.id);
          } catch (err) {
            if (!(err instanceof DataPassError)) throw err;
            problems.push(...err.problems);
          }
          if (list) problems.push(...checkAgainstList(m, list));
        } finally {
          cat.close();
        }
        const rows = columnFates(m, await datasetColumns(opts.dataset));
        const located = problems.map((p) => (p.location ? p : { ...p, location: { file } }));
        const blocking = located.some((p) => p.severity === 'error');
        if (opts.json)
          printJson({ manifest: { id: m.id, version: m.version }, columns: rows, problems: located, ok: !blocking });
        else {
          const label = {
            as_is: 'leaves as is',
            transformed: 'transformed',
            dropped: 'dropped',
            denied: 'dropped',
            missing: '—',
          };
          process.stdout.write(
            `${renderTable(
              ['column', 'outcome', 'operator', 'detail'],
              rows.map((r) => [r.column, label[r.fate], r.operator ?? '', r.detail]),
            )}\n`,
          );
          const leave = rows.filter((r) => r.fate === 'as_is' || r.fate === 'transformed').length;
          process.stdout.write(
            `\n${leave} of ${rows.filter((r) => r.fate !== 'missing').length} columns would leave\n`,
          );
          for (const p of located) process.stdout.write(`${formatProblem(p, g.lang)}\n`);
          process.stdout.write(blocking ? 'manifest check: BLOCKED\n' : 'manifest check: ok\n');
        }
        return blocking ? ExitCode.Blocking : ExitCode.Ok;
      }),
    );
  void problem;
}
