/**
 * @module adapters/fs/read
 * Reads small documents (lists, manifests, profiles) with the checks every such read needs:
 * existence, a size limit, UTF-8, no binary content. Failures are problems with the file named.
 */
import { readFileSync, statSync } from 'node:fs';
import { firstInvalidUtf8 } from '../../core/bytes.js';
import { DataPassError, problem } from '../../core/problems.js';

export const DOCUMENT_LIMIT_BYTES = 8 * 1024 * 1024;

/** Reads a text document or throws a DataPassError naming the file. */
export function readTextDocument(file: string, limit = DOCUMENT_LIMIT_BYTES): string {
  const location = { file };
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory())
      throw new DataPassError(problem('input.file_unreadable', { reason: 'is a directory' }, [], { location }));
    size = st.size;
  } catch (err) {
    if (err instanceof DataPassError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataPassError(problem('input.file_not_found', {}, [], { location }));
    throw new DataPassError(problem('input.file_unreadable', { reason: String(code ?? err) }, [], { location }));
  }
  if (size > limit) throw new DataPassError(problem('input.file_too_large', { size, limit }, [], { location }));
  const bytes = readFileSync(file);
  if (bytes.length === 0) throw new DataPassError(problem('input.file_empty', {}, [], { location }));
  const nul = bytes.subarray(0, 8192).indexOf(0);
  if (nul >= 0)
    throw new DataPassError(
      problem('input.binary_file', { byte: nul, format: 'a text document' }, [], { location: { file, byte: nul } }),
    );
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    const byte = firstInvalidUtf8(bytes);
    throw new DataPassError(problem('input.not_utf8', { byte }, [], { location: { file, byte } }));
  }
}

/**
 * Reads a JSON document with the checks of {@link readTextDocument}; a syntax error names the file and,
 * where the parser says, the line and column.
 */
export function readJsonDocument(file: string, limit = DOCUMENT_LIMIT_BYTES): unknown {
  const text = readTextDocument(file, limit);
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = ((err as Error).message.split('\n')[0] ?? '').trim();
    const pos = /at position (\d+)/.exec(message);
    const location: { file: string; line?: number; col?: number } = { file };
    if (pos) {
      const before = text.slice(0, Number(pos[1]));
      const nl = before.lastIndexOf('\n');
      location.line = before.split('\n').length;
      location.col = before.length - nl;
    }
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new DataPassError(problem('input.json_syntax', { reason }, [], { location }));
  }
}
