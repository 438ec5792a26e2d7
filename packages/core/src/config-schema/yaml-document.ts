import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { VigieError } from '../errors/index.js';

export type Path = readonly PropertyKey[];

/** A zod issue path as people write it: `checks[2].column`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** The deepest YAML node along `path`, for its line number. */
export function nodeAt(root: Node | null, path: Path): Node | null {
  let node: Node | null = root;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((it) => (it.key as { value?: unknown } | null)?.value === key);
      if (!pair) return node;
      node = (pair.value as Node | null) ?? (pair.key as Node);
    } else if (isSeq(node) && typeof key === 'number') {
      const item = node.items[key] as Node | undefined;
      if (!item) return node;
      node = item;
    } else return node;
  }
  return node;
}

export interface YamlDocument {
  /** The document as plain values. */
  raw: unknown;
  /** Throws INVALID_CONFIG in one line naming the file, the line of `path` and the field. */
  fail(path: Path, message: string): never;
}

/**
 * Parses YAML text (unique keys), throwing INVALID_CONFIG in one line for a syntax error
 * (`release.yaml:3: invalid YAML: ...`); `fail` locates later validation errors the same way.
 */
export function readYamlDocument(text: string, file: string): YamlDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const fail = (path: Path, message: string): never => {
    const offset = nodeAt(doc.contents, path)?.range?.[0];
    const line = offset === undefined ? undefined : lineCounter.linePos(offset).line;
    const where = line === undefined ? file : `${file}:${line}`;
    const field = path.length > 0 ? `${formatPath(path)}: ` : '';
    throw new VigieError('INVALID_CONFIG', `${where}: ${field}${message}`, {
      details: { file, ...(line === undefined ? {} : { line }), field: formatPath(path) },
    });
  };
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line;
    const msg = (yamlError.message.split('\n')[0] ?? yamlError.message).replace(
      / at line \d+, column \d+:?$/,
      '',
    );
    throw new VigieError(
      'INVALID_CONFIG',
      `${file}${line === undefined ? '' : `:${line}`}: invalid YAML: ${msg}`,
      {
        cause: yamlError,
        details: { file, ...(line === undefined ? {} : { line }) },
      },
    );
  }
  return { raw: doc.toJS() as unknown, fail };
}
