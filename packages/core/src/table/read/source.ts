import { stat } from 'node:fs/promises';
import { VigieError } from '../../errors/index.js';

export type FileFormat = 'csv' | 'parquet' | 'json';

/** Where a table comes from, parsed once at the edge. */
export type DataSource =
  | { readonly kind: 'local'; readonly path: string; readonly format: FileFormat }
  | { readonly kind: 'remote'; readonly url: string; readonly scheme: string; readonly format: FileFormat };

const REMOTE_SCHEMES = ['http', 'https', 's3', 's3a', 's3n', 'gs', 'gcs', 'r2', 'az', 'azure', 'abfss', 'hf'];

const EXTENSIONS: ReadonlyArray<[RegExp, FileFormat]> = [
  [/\.(csv|tsv|txt)(\.(gz|zst))?$/i, 'csv'],
  [/\.(parquet|pq)$/i, 'parquet'],
  [/\.(jsonl|ndjson|json)(\.(gz|zst))?$/i, 'json'],
];

/** Guesses the format from the file name; CSV when nothing matches. */
export function formatFromName(name: string): FileFormat {
  const clean = name.replace(/[?#].*$/, '');
  for (const [re, format] of EXTENSIONS) if (re.test(clean)) return format;
  return 'csv';
}

/** Parses a path or URL into a DataSource. `format` overrides the guess from the name. */
export function parseSource(location: string, format?: FileFormat): DataSource {
  if (location.trim() === '') throw new VigieError('INVALID_ARGUMENT', 'the data path is empty');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(location)?.[1]?.toLowerCase();
  const fmt = format ?? formatFromName(location);
  if (scheme === 'file')
    return { kind: 'local', path: decodeURIComponent(new URL(location).pathname), format: fmt };
  if (scheme !== undefined) {
    if (!REMOTE_SCHEMES.includes(scheme)) {
      throw new VigieError('UNSUPPORTED', `${location}: unsupported scheme "${scheme}://"`, {
        details: { file: location },
      });
    }
    return { kind: 'remote', url: location, scheme, format: fmt };
  }
  return { kind: 'local', path: location, format: fmt };
}

export function sourceLabel(source: DataSource): string {
  return source.kind === 'local' ? source.path : source.url;
}

/** Checks a local file exists, is a file and is not empty; returns its size in bytes. */
export async function checkLocalFile(path: string): Promise<number> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new VigieError('FILE_NOT_FOUND', `${path}: no such file`, { cause, details: { file: path } });
    throw new VigieError('FILE_UNREADABLE', `${path}: cannot read (${code ?? 'unknown error'})`, {
      cause,
      details: { file: path },
    });
  }
  if (info.isDirectory())
    throw new VigieError('FILE_UNREADABLE', `${path}: is a directory, not a file`, {
      details: { file: path },
    });
  if (info.size === 0)
    throw new VigieError('EMPTY_INPUT', `${path}: the file is empty`, { details: { file: path } });
  return info.size;
}
