/**
 * @module cli/lists
 * `datapass lists`: the catalogue of general data lists and negative lists, their versions, diffs,
 * signatures and imports.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDocument } from 'yaml';
import { systemClock } from '../../adapters/clock.js';
import { ed25519 } from '../../adapters/crypto/ed25519.js';
import { loadSigningKey } from '../../adapters/crypto/key-files.js';
import { readTextDocument } from '../../adapters/fs/read.js';
import { type CatalogueEntry, loadListFile, openCatalogue } from '../../adapters/lists/catalogue.js';
import { loadTrustStore } from '../../adapters/lists/trust-store.js';
import { fsReason } from '../../adapters/paths.js';
import { diffLists } from '../../core/lists/diff.js';
import { listJsonSchema, SCHEMA_KINDS, type SchemaKind } from '../../core/lists/json-schema.js';
import { listFields } from '../../core/lists/schema.js';
import { signDocument, verifyDocument } from '../../core/lists/trust.js';
import { formatProblem } from '../../core/messages/index.js';
import { DataPassError, problem } from '../../core/problems.js';
import { isCalendarDate } from '../../core/zod-problems.js';
import { ExitCode } from '../exit-codes.js';
import { action, globalOptions, printJson, usageError } from '../run.js';
import { renderTable } from '../table.js';
import { renderDiff, renderListDocument } from './render.js';

function dateOption(value: string | undefined, today: string, name = '--at'): string {
  if (value === undefined) return today;
  if (!isCalendarDate(value)) usageError(name, value, 'expected a date YYYY-MM-DD');
  return value;
}

function summaryRow(e: CatalogueEntry, status: string) {
  const d = e.doc;
  return {
    id: d.id,
    version: d.version,
    kind: d.kind,
    domain: d.kind === 'GeneralDataList' ? d.domain : d.zones.join(','),
    scenario: d.kind === 'GeneralDataList' ? d.scenario.id : '',
    fields: d.kind === 'GeneralDataList' ? listFields(d).length : (d.entries?.length ?? 0),
    status,
    effective: d.effective,
    expires: d.expires ?? null,
    origin: e.origin,
    illustrative: d.illustrative,
    signedBy: e.keyId ?? null,
  };
}

export function registerListsCommands(program: Command): void {
  const lists = program
    .command('lists')
    .description('general data lists and negative lists: catalogue, versions, diffs, signatures')
    .addHelpText(
      'after',
      `
Examples:
  datapass lists                         the catalogue, with each version's status today
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0
  datapass lists verify my-list.yaml
  datapass keys trust regulator.pub && datapass lists import official-list.yaml`,
    );

  lists
    .command('list', { isDefault: true })
    .description('the catalogue (default): id, version, domain, scenario, field count, status')
    .option('--json', 'machine-readable output')
    .option('--at <date>', 'show status on this date (YYYY-MM-DD, default today in Asia/Shanghai)')
    .addHelpText(
      'after',
      `
With no subcommand, prints the catalogue: id, version, domain, scenario, field count, status.
Status is one of in_force, superseded, expired, pending (not yet effective) or untrusted (failed verification).

Examples:
  datapass lists
  datapass lists --at 2024-06-01 --json
  datapass lists show lingang.icv.after_sales
  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0`,
    )
    .action(
      action((opts: { json?: boolean; at?: string }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const cat = openCatalogue({ dataDir: g.dataDir });
        try {
          const date = dateOption(opts.at, cat.clock.today());
          const rows = cat.entries().map((e) => summaryRow(e, e.trusted ? cat.status(e.doc, date) : 'untrusted'));
          if (opts.json) {
            printJson({ date, lists: rows });
          } else {
            process.stdout.write(
              `${renderTable(
                ['id', 'version', 'domain', 'scenario', 'fields', 'status'],
                rows.map((r) => [r.id, r.version, r.domain, r.scenario || `(${r.kind})`, String(r.fields), r.status]),
              )}\n`,
            );
            for (const e of cat.entries().filter((x) => !x.trusted))
              for (const p of e.problems)
                process.stderr.write(`datapass: ${e.file ?? e.doc.id}: ${formatProblem(p, g.lang)}\n`);
          }
          return 0;
        } finally {
          cat.close();
        }
      }),
    );

  lists
    .command('show')
    .description('show one list: fields (or entries), conditions, PI classes, sources')
    .argument('<ref>', 'ID (the version in force) or ID@VERSION')
    .option('--at <date>', 'pick the version in force on this date (YYYY-MM-DD)')
    .option('--json', 'the whole document as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  datapass lists show lingang.icv.after_sales\n  datapass lists show lingang.icv.after_sales --at 2024-06-01\n  datapass lists show shanghai_ftz.negative@1.0.0 --json',
    )
    .action(
      action((ref: string, opts: { at?: string; json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const cat = openCatalogue({ dataDir: g.dataDir });
        try {
          const date = dateOption(opts.at, cat.clock.today());
          const doc = cat.resolve(ref, date);
          const status = cat.status(doc, date);
          if (opts.json) printJson({ status, document: doc });
          else process.stdout.write(renderListDocument(doc, status, g.lang));
          return 0;
        } finally {
          cat.close();
        }
      }),
    );

  lists
    .command('diff')
    .description(
      'semantic diff between two versions: fields added/removed, conditions tightened/loosened, PI class changes',
    )
    .argument('<from>', 'ID@VERSION (older)')
    .argument('<to>', 'ID@VERSION (newer)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nExample:\n  datapass lists diff lingang.icv.after_sales@1.0.0 lingang.icv.after_sales@1.1.0',
    )
    .action(
      action((from: string, to: string, opts: { json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const cat = openCatalogue({ dataDir: g.dataDir });
        try {
          const a = cat.resolve(from);
          const b = cat.resolve(to);
          if (a.id !== b.id) usageError('<to>', to, `a different list than \`${a.id}\``);
          if (a.kind !== b.kind)
            throw new DataPassError(problem('list.kind_mismatch', { expected: a.kind, received: b.kind }));
          const d = diffLists(a, b);
          if (opts.json) printJson(d);
          else process.stdout.write(renderDiff(d));
          return 0;
        } finally {
          cat.close();
        }
      }),
    );

  lists
    .command('sign')
    .description('sign a list document (Ed25519 over its RFC 8785 canonical JSON); writes the signature into the file')
    .argument('<file>', 'list YAML file')
    .requiredOption('--key <keyfile>', 'private key file from `datapass keys generate`')
    .option('--out <file>', 'write the signed document here instead of replacing FILE')
    .addHelpText(
      'after',
      '\nExample:\n  datapass keys generate --id lingang-admin-2026 --issuer lingang-admin --out ./admin\n  datapass lists sign lists/vehicles/after-sales.yaml --key ./admin.key',
    )
    .action(
      action((file: string, opts: { key: string; out?: string }) => {
        const doc = loadListFile(file);
        const key = loadSigningKey(opts.key);
        if (key.issuer !== doc.issuer.id)
          throw new DataPassError(
            problem(
              'trust.issuer_mismatch',
              { keyId: key.keyId, keyIssuer: key.issuer, issuer: doc.issuer.id },
              ['issuer', 'id'],
              {
                location: { file },
              },
            ),
          );
        const signed = signDocument(doc, key, ed25519, systemClock().now().toISOString());
        // Keep the author's YAML (comments, order): replace only the signature block.
        const yamlDoc = parseDocument(readTextDocument(file));
        yamlDoc.set('signature', signed.signature);
        const out = opts.out ?? file;
        const tmp = `${out}.tmp-${process.pid}`;
        try {
          try {
            writeFileSync(tmp, yamlDoc.toString({ lineWidth: 0 }));
          } catch (err) {
            throw new DataPassError(problem('output.write_failed', { target: out, reason: fsReason(err) }));
          }
          // Re-read what was written and check it verifies before it takes the place of anything, so a
          // signed file is never broken and a failed run leaves the original as it was.
          const check = verifyDocument(
            loadListFile(tmp),
            [{ keyId: key.keyId, issuer: key.issuer, publicKey: Buffer.from(key.publicKey).toString('base64url') }],
            ed25519,
            {
              date: systemClock().today(),
              checkValidity: false,
            },
          );
          if (!check.trusted) throw new DataPassError(check.problems.map((p) => ({ ...p, location: { file } })));
          try {
            renameSync(tmp, out);
          } catch (err) {
            throw new DataPassError(problem('output.write_failed', { target: out, reason: fsReason(err) }));
          }
        } finally {
          rmSync(tmp, { force: true });
        }
        process.stdout.write(`signed ${doc.id}@${doc.version} with key \`${key.keyId}\` → ${out}\n`);
        return 0;
      }),
    );

  lists
    .command('verify')
    .description('verify a list file: schema, signature, trusted key, issuer, validity window (exit 1 if not trusted)')
    .argument('<file>', 'list YAML file')
    .option('--at <date>', 'check validity on this date (YYYY-MM-DD, default today)')
    .option('--json', 'machine-readable output')
    .addHelpText(
      'after',
      '\nVerification fails closed: unsigned, unknown key, missing key id, altered content,\nexpired or not yet effective → rejected with the reason.\n\nExample:\n  datapass lists verify lists/vehicles/lingang.icv.after_sales@1.1.0.yaml',
    )
    .action(
      action((file: string, opts: { at?: string; json?: boolean }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const date = dateOption(opts.at, systemClock().today());
        const doc = loadListFile(file);
        const v = verifyDocument(doc, loadTrustStore(g.dataDir), ed25519, { date });
        if (opts.json) {
          printJson(
            v.trusted
              ? { file, id: doc.id, version: doc.version, trusted: true, keyId: v.key.keyId, date }
              : {
                  file,
                  id: doc.id,
                  version: doc.version,
                  trusted: false,
                  date,
                  problems: v.problems.map((p) => ({ ...p, message: formatProblem(p, g.lang) })),
                },
          );
        } else if (v.trusted)
          process.stdout.write(
            `ok: ${doc.id}@${doc.version} signed by \`${v.key.keyId}\` (${v.key.issuer}), valid on ${date}\n`,
          );
        else
          for (const p of v.problems)
            process.stderr.write(`datapass: ${formatProblem({ ...p, location: { file } }, g.lang)}\n`);
        return v.trusted ? ExitCode.Ok : ExitCode.Blocking;
      }),
    );

  lists
    .command('import')
    .description('verify a list file and store it in the catalogue (nothing is stored if verification fails)')
    .argument('<file>', 'signed list YAML file')
    .option('--at <date>', 'verify validity on this date instead of today (to archive a historical version)')
    .addHelpText(
      'after',
      '\nExample:\n  datapass keys trust lingang-admin-2026.pub\n  datapass lists import official/lingang.icv.after_sales@2.0.0.yaml',
    )
    .action(
      action((file: string, opts: { at?: string }, cmd: Command) => {
        const g = globalOptions(cmd.optsWithGlobals());
        const doc = loadListFile(file);
        const cat = openCatalogue({ dataDir: g.dataDir });
        try {
          const date = dateOption(opts.at, cat.clock.today());
          const v = verifyDocument(doc, cat.keys, ed25519, { date });
          if (!v.trusted) throw new DataPassError(v.problems.map((p) => ({ ...p, location: { file } })));
          const added = cat.importDocument(doc);
          process.stdout.write(
            added
              ? `imported ${doc.id}@${doc.version} (signed by \`${v.key.keyId}\`)\n`
              : `${doc.id}@${doc.version} is already in the catalogue\n`,
          );
          return 0;
        } finally {
          cat.close();
        }
      }),
    );

  lists
    .command('schema')
    .description('print the JSON Schema (draft 2020-12) of a list document kind, for other tools')
    .argument('<kind>', `one of ${SCHEMA_KINDS.join(', ')}`)
    .addHelpText(
      'after',
      '\nThe same schemas are committed under schemas/.\n\nExample:\n  datapass lists schema GeneralDataList > general-data-list.schema.json',
    )
    .action(
      action((kind: string) => {
        if (!(SCHEMA_KINDS as readonly string[]).includes(kind))
          usageError('<kind>', kind, `expected one of ${SCHEMA_KINDS.join(', ')}`);
        printJson(listJsonSchema(kind as SchemaKind));
        return 0;
      }),
    );
}
