/**
 * @module adapters/gateway/transform
 * Builds the chunk transform for a format from a structured-cloneable description, so the main thread and each
 * worker build the same thing.
 */
import { compileManifest } from '../../core/enforce/compile.js';
import type { ExportManifest } from '../../core/enforce/manifest.js';
import type { OperatorContext } from '../../core/enforce/operators.js';
import { CsvTransform } from './csv.js';
import { FastHmac } from './hmac.js';
import { NdjsonTransform } from './ndjson.js';
import { subjectDigester } from './subjects.js';
import type { ChunkResult } from './types.js';
import type { Vault } from './vault.js';

export interface TransformInit {
  manifest: ExportManifest;
  inputFormat: 'ndjson' | 'csv';
  /** Parquet output is produced from NDJSON output by the main thread. */
  outputFormat: 'ndjson' | 'csv';
  /** CSV header cells. */
  header?: string[];
  delimiter?: string;
  /** 32-byte key of the `hash` operator. */
  hashKey: Uint8Array;
  /** The ledger's subject hash key (`ledger.subjectHashKey()`): subjects are reported as its keyed hashes. */
  subjectKey: Uint8Array;
  /** Vault database, when the manifest tokenizes. */
  vaultFile?: string;
  maxLineBytes: number;
}

export interface ChunkTransform {
  /** `reuse`: an output buffer to write into when large enough (recycled from an earlier chunk). */
  process(buf: Buffer, start: number, end: number, reuse?: Buffer): ChunkResult;
  close(): void;
}

/** Builds the transform; the vault (SQLite) is loaded only when the manifest tokenizes. */
export async function createTransform(init: TransformInit): Promise<ChunkTransform> {
  const compiled = compileManifest(init.manifest);
  const hmac = new FastHmac(init.hashKey);
  const subjects = subjectDigester(init.subjectKey);
  const vault: Vault | undefined = init.vaultFile ? (await import('./vault.js')).openVault(init.vaultFile) : undefined;
  const ctx: OperatorContext = {
    hash: (text) => hmac.hex(text),
    tokenize: (ns, text) => {
      if (!vault) throw new Error('tokenize without a vault');
      return vault.tokenize(ns, text);
    },
  };
  const t =
    init.inputFormat === 'csv'
      ? new CsvTransform({
          compiled,
          header: init.header ?? [],
          delimiter: (init.delimiter ?? ',').charCodeAt(0),
          hmac,
          subjects,
          ctx,
          maxLineBytes: init.maxLineBytes,
          output: init.outputFormat,
        })
      : new NdjsonTransform({
          compiled,
          hmac,
          subjects,
          ctx,
          maxLineBytes: init.maxLineBytes,
          output: init.outputFormat,
        });
  return {
    process: (buf, s, e, reuse) => t.process(buf, s, e, reuse),
    close: () => vault?.close(),
  };
}
