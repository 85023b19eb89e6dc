/**
 * @module adapters/yaml/load
 * YAML documents with locations: syntax errors and schema problems are reported at `file:line:col`.
 */
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { DataPassError, type PathSegment, type Problem, problem } from '../../core/problems.js';
import { readTextDocument } from '../fs/read.js';

export interface LoadedYaml {
  file: string;
  value: unknown;
  /** Adds `file:line:col` to problems whose path points into this document. */
  locate(problems: Problem[]): Problem[];
}

/** Parses YAML text; throws a DataPassError with the line and column of the first syntax error. */
export function parseYaml(text: string, file: string): LoadedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const reason = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.code;
      return problem('input.yaml_syntax', { reason: reason.charAt(0).toLowerCase() + reason.slice(1) }, [], {
        location: { file, ...(pos ? { line: pos.line, col: pos.col } : {}) },
      });
    });
    throw new DataPassError(problems);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new DataPassError(
      problem('input.yaml_syntax', { reason: (err as Error).message }, [], { location: { file } }),
    );
  }
  const locate = (problems: Problem[]): Problem[] =>
    problems.map((p) => {
      if (p.location) return p;
      const node = nearestNode(doc.contents as Node | null, p.path);
      const offset = node?.range?.[0];
      if (offset === undefined) return { ...p, location: { file } };
      const pos = lineCounter.linePos(offset);
      return { ...p, location: { file, line: pos.line, col: pos.col } };
    });
  return { file, value, locate };
}

/** Reads and parses a YAML (or JSON, which is YAML) file. */
export function loadYamlFile(file: string): LoadedYaml {
  return parseYaml(readTextDocument(file), file);
}

function nearestNode(root: Node | null, path: readonly PathSegment[]): Node | undefined {
  let node: Node | null | undefined = root;
  let best: Node | undefined = root ?? undefined;
  for (const seg of path) {
    if (!node) break;
    if (isMap(node)) {
      const pair: { key: unknown; value: unknown } | undefined = node.items.find(
        (it) => isScalar(it.key) && String(it.key.value) === String(seg),
      );
      if (!pair) break;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg] as Node | undefined;
    } else break;
    if (node) best = node;
  }
  return best;
}
