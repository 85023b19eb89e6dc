/**
 * @module adapters/sources/bytes
 * Byte input for text formats (a file or stdin): a prefix read up front for sniffing, then chunks; and the
 * text decoder: BOM, UTF-8 validation with exact byte offsets, iconv-lite for GBK/GB18030/UTF-16.
 */
import { isUtf8 } from 'node:buffer';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { analyse } from 'chardet';
import iconv from 'iconv-lite';
import { firstInvalidUtf8 } from '../../core/bytes.js';
import { DataPassError, type Location, problem } from '../../core/problems.js';
import { fatal, reasonOf } from './base.js';
import type { SourceFormat, SourceOptions } from './types.js';

export const CHUNK_BYTES = 1 << 20;
const PREFIX_BYTES = 64 * 1024;
const BINARY_SNIFF_BYTES = 8 * 1024;

/** A file or stdin, read in chunks; `bytesRead` counts what has been handed out. */
export class ByteInput {
  bytesRead = 0;
  private prefixTaken = false;
  private constructor(
    /** The spec as given (`-` for stdin); used as `location.file`. */
    readonly name: string,
    /** First bytes (up to 64 KiB, fewer only at end of input). */
    readonly prefix: Buffer,
    readonly totalBytes: number | undefined,
    private readonly fh: FileHandle | undefined,
    private readonly stream: AsyncIterator<Buffer | string> | undefined,
    private readonly streamEnded: boolean,
  ) {}

  static async open(spec: string, opts: SourceOptions): Promise<ByteInput> {
    if (spec === '-') {
      const stdin = opts.stdin ?? process.stdin;
      const it = (stdin as AsyncIterable<Buffer | string>)[Symbol.asyncIterator]();
      const parts: Buffer[] = [];
      let len = 0;
      let ended = false;
      while (len < PREFIX_BYTES) {
        const r = await it.next();
        if (r.done) {
          ended = true;
          break;
        }
        const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
        parts.push(b);
        len += b.length;
      }
      const prefix = Buffer.concat(parts);
      if (prefix.length === 0) fatal('input.file_empty', {}, { file: 'stdin' });
      return new ByteInput('-', prefix, undefined, undefined, it, ended);
    }
    let fh: FileHandle;
    let size: number;
    try {
      const st = await stat(spec);
      if (st.isDirectory()) fatal('input.file_unreadable', { reason: 'is a directory' }, { file: spec });
      fh = await open(spec, 'r');
      size = st.size;
    } catch (err) {
      if (err instanceof DataPassError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') fatal('input.file_not_found', { file: spec }, { file: spec });
      fatal('input.file_unreadable', { reason: reasonOf(err) }, { file: spec });
    }
    if (size === 0) {
      await fh.close();
      fatal('input.file_empty', {}, { file: spec });
    }
    const prefix = Buffer.allocUnsafe(Math.min(PREFIX_BYTES, size));
    const { bytesRead } = await fh.read(prefix, 0, prefix.length, 0);
    return new ByteInput(spec, prefix.subarray(0, bytesRead), size, fh, undefined, false);
  }

  /** `location.file` for problems. */
  get file(): string {
    return this.name === '-' ? 'stdin' : this.name;
  }

  /** Guesses the format from magic bytes and the first non-blank character. */
  sniffFormat(): SourceFormat {
    const p = this.prefix;
    if (p.subarray(0, 4).toString('latin1') === 'PAR1') return 'parquet';
    if (p[0] === 0x50 && p[1] === 0x4b && p[2] === 0x03 && p[3] === 0x04) return 'xlsx';
    if (p.subarray(0, 16).toString('latin1') === 'SQLite format 3\0') return 'sqlite';
    let i = p[0] === 0xef && p[1] === 0xbb && p[2] === 0xbf ? 3 : 0;
    while (i < p.length && (p[i] === 0x20 || p[i] === 0x09 || p[i] === 0x0a || p[i] === 0x0d)) i++;
    if (p[i] === 0x5b) return 'json';
    if (p[i] === 0x7b) return 'ndjson';
    return 'csv';
  }

  /** All chunks from the start (the prefix first). Call once. */
  async *chunks(): AsyncGenerator<Buffer> {
    if (this.prefixTaken) throw new Error('ByteInput.chunks() called twice');
    this.prefixTaken = true;
    this.bytesRead = this.prefix.length;
    yield this.prefix;
    if (this.fh) {
      let pos = this.prefix.length;
      for (;;) {
        const buf = Buffer.allocUnsafe(CHUNK_BYTES);
        let n: number;
        try {
          ({ bytesRead: n } = await this.fh.read(buf, 0, CHUNK_BYTES, pos));
        } catch (err) {
          fatal('input.file_unreadable', { reason: reasonOf(err) }, { file: this.file, byte: pos });
        }
        if (n === 0) return;
        pos += n;
        this.bytesRead = pos;
        yield n === CHUNK_BYTES ? buf : buf.subarray(0, n);
      }
    } else if (this.stream && !this.streamEnded) {
      for (;;) {
        const r = await this.stream.next();
        if (r.done) return;
        const b = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
        this.bytesRead += b.length;
        yield b;
      }
    }
  }

  /** 1-based line number of a byte offset (files only; re-reads the file, used on error paths). */
  async lineAt(byte: number): Promise<number | undefined> {
    if (!this.fh) return undefined;
    let line = 1;
    let pos = 0;
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    while (pos < byte) {
      const { bytesRead } = await this.fh.read(buf, 0, Math.min(CHUNK_BYTES, byte - pos), pos);
      if (bytesRead === 0) break;
      let i = -1;
      const view = buf.subarray(0, bytesRead);
      while ((i = view.indexOf(10, i + 1)) !== -1) line++;
      pos += bytesRead;
    }
    return line;
  }

  /** Byte offset where 1-based `line` starts (files only; re-reads the file, used on error paths). */
  async byteOfLine(line: number): Promise<number | undefined> {
    if (!this.fh) return undefined;
    if (line <= 1) return 0;
    let seen = 1;
    let pos = 0;
    const buf = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await this.fh.read(buf, 0, CHUNK_BYTES, pos);
      if (bytesRead === 0) return undefined;
      const view = buf.subarray(0, bytesRead);
      let i = -1;
      while ((i = view.indexOf(10, i + 1)) !== -1) {
        if (++seen === line) return pos + i + 1;
      }
      pos += bytesRead;
    }
  }

  /** A location for a line, with the byte offset of its start when it can be found. */
  async locate(line: number): Promise<Location> {
    const loc: Location = { file: this.file, line };
    const byte = await this.byteOfLine(line).catch(() => undefined);
    if (byte !== undefined) loc.byte = byte;
    return loc;
  }

  async close(): Promise<void> {
    if (this.fh) await this.fh.close().catch(() => {});
    if (this.stream && !this.streamEnded) await this.stream.return?.().catch(() => {});
  }
}

export function openByteInput(spec: string, opts: SourceOptions): Promise<ByteInput> {
  return ByteInput.open(spec, opts);
}

/** Turns byte chunks into text; throws `input.not_utf8` with the exact byte offset for invalid UTF-8. */
export interface TextDecoderLike {
  readonly encoding: string;
  decode(chunk: Buffer): string;
  end(): string;
}

function normEncoding(e: string): string {
  return e.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * Decides the encoding of a text input (BOM, then UTF-8 validity of the prefix, then chardet) and checks for
 * binary content, then returns a decoder. `encoding` in opts overrides detection (but a UTF-8 BOM is still skipped).
 */
export async function makeDecoder(input: ByteInput, opts: SourceOptions, formatName: string): Promise<TextDecoderLike> {
  const p = input.prefix;
  let bomLen = 0;
  let enc: string | undefined;
  if (p[0] === 0xef && p[1] === 0xbb && p[2] === 0xbf) {
    enc = 'utf-8';
    bomLen = 3;
  } else if (p[0] === 0xff && p[1] === 0xfe) enc = 'utf-16le';
  else if (p[0] === 0xfe && p[1] === 0xff) enc = 'utf-16be';
  if (opts.encoding !== undefined) {
    const n = normEncoding(opts.encoding);
    if (n === 'utf8') enc = 'utf-8';
    else if (iconv.encodingExists(opts.encoding)) {
      enc = opts.encoding.toLowerCase();
      bomLen = 0;
    } else fatal('input.unknown_encoding', { encoding: opts.encoding });
  }
  const utf16 = enc !== undefined && normEncoding(enc).startsWith('utf16');
  if (!utf16) {
    const nul = p.subarray(0, BINARY_SNIFF_BYTES).indexOf(0);
    if (nul !== -1) fatal('input.binary_file', { byte: nul, format: formatName }, { file: input.file, byte: nul });
  }
  if (enc === undefined) {
    const cut = completeUtf8Prefix(p, input.totalBytes !== undefined && p.length >= input.totalBytes);
    if (isUtf8(p.subarray(0, cut))) enc = 'utf-8';
    else enc = guessLegacy(p);
    if (enc === undefined) {
      const at = firstInvalidUtf8(p);
      const loc: Location = { file: input.file, byte: at };
      const line = await input.lineAt(at);
      if (line !== undefined) loc.line = line;
      throw new DataPassError(
        problem('input.not_utf8', { byte: at }, [], {
          location: loc,
          help: 'pass `--encoding` (for example gbk or gb18030)',
        }),
      );
    }
  }
  if (enc === 'utf-8') return new Utf8Decoder(input, bomLen);
  const dec = iconv.getDecoder(enc);
  return {
    encoding: enc,
    decode: (chunk) => dec.write(chunk),
    end: () => dec.end() ?? '',
  };
}

/** Chardet's guess for text that is not UTF-8; prefers GB18030 (a superset of GBK/GB2312) for Chinese text. */
function guessLegacy(p: Buffer): string | undefined {
  const candidates = analyse(p);
  for (const c of candidates) {
    const n = normEncoding(c.name);
    if ((n === 'gb18030' || n === 'gbk' || n === 'gb2312') && c.confidence >= 10) return 'gb18030';
  }
  for (const c of candidates) {
    const n = normEncoding(c.name);
    if (n === 'utf8' || n === 'ascii') continue;
    if (c.confidence >= 10 && iconv.encodingExists(c.name)) return c.name.toLowerCase();
  }
  return undefined;
}

/** Length of `buf` without an incomplete UTF-8 sequence at its end (unless `atEnd`). */
function completeUtf8Prefix(buf: Buffer, atEnd: boolean): number {
  const len = buf.length;
  if (atEnd || len === 0) return len;
  let i = len - 1;
  let back = 0;
  while (i >= 0 && back < 3 && ((buf[i] as number) & 0xc0) === 0x80) {
    i--;
    back++;
  }
  if (i < 0) return len;
  const b = buf[i] as number;
  const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
  return i + need > len ? i : len;
}

class Utf8Decoder implements TextDecoderLike {
  readonly encoding = 'utf-8';
  /** Absolute byte offset of the next chunk's first byte. */
  private offset = 0;
  private prev: Buffer | undefined;
  private readonly td = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  constructor(
    private readonly input: ByteInput,
    private skip: number,
  ) {}

  decode(chunk: Buffer): string {
    let buf = chunk;
    let base = this.offset;
    this.offset += chunk.length;
    if (this.skip > 0) {
      const s = Math.min(this.skip, buf.length);
      buf = buf.subarray(s);
      base += s;
      this.skip -= s;
    }
    try {
      const text = this.td.decode(buf, { stream: true });
      this.prev = buf;
      return text;
    } catch {
      // Find the exact offset: bytes the decoder still held from the previous chunk come first.
      const prev = this.prev;
      const tail = prev ? prev.subarray(completeUtf8Prefix(prev, false)) : Buffer.alloc(0);
      const data = tail.length > 0 ? Buffer.concat([tail, buf]) : buf;
      this.fail(base - tail.length + Math.min(firstInvalidUtf8(data), data.length - 1));
    }
  }

  end(): string {
    try {
      return this.td.decode();
    } catch {
      const prev = this.prev;
      const tailLen = prev ? prev.length - completeUtf8Prefix(prev, false) : 0;
      this.fail(this.offset - Math.max(1, tailLen));
    }
  }

  private fail(at: number): never {
    throw new Utf8Error(at);
  }

  /** Converts a pending Utf8Error into a located DataPassError (adds the line for files). */
  async locate(err: Utf8Error): Promise<DataPassError> {
    const loc: Location = { file: this.input.file, byte: err.byte };
    const line = await this.input.lineAt(err.byte).catch(() => undefined);
    if (line !== undefined) loc.line = line;
    return new DataPassError(
      problem('input.not_utf8', { byte: err.byte }, [], {
        location: loc,
        help: 'pass `--encoding` if the file is not UTF-8',
      }),
    );
  }
}

/** Thrown synchronously by the UTF-8 decoder; turned into a DataPassError by {@link textChunks}. */
export class Utf8Error extends Error {
  constructor(readonly byte: number) {
    super(`invalid UTF-8 at byte ${byte}`);
  }
}

/**
 * Decoded text of the whole input, chunk by chunk (the first chunk is the decoded prefix).
 * Throws `input.not_utf8` (with line for files) on invalid UTF-8.
 */
export async function* textChunks(input: ByteInput, dec: TextDecoderLike): AsyncGenerator<string> {
  try {
    for await (const chunk of input.chunks()) {
      const s = dec.decode(chunk);
      if (s.length > 0) yield s;
    }
    const tail = dec.end();
    if (tail.length > 0) yield tail;
  } catch (err) {
    if (err instanceof Utf8Error && dec instanceof Utf8Decoder) throw await dec.locate(err);
    throw err;
  }
}
