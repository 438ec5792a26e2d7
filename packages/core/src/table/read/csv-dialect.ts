import { open } from 'node:fs/promises';

const CANDIDATES = [',', ';', '\t', '|'] as const;

/** Reads up to `maxBytes` from the start of a file. */
async function head(path: string, maxBytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(maxBytes);
    const { bytesRead } = await handle.read(buffer, 0, maxBytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function countOutsideQuotes(line: string, ch: string): number {
  let n = 0;
  let quoted = false;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === ch) n++;
  }
  return n;
}

/**
 * Picks the delimiter from the header line: the candidate (`,` `;` tab `|`) that occurs most
 * often outside quotes, comma on a tie or when none occurs. DuckDB's own sniffer is not used for
 * this because, on a file with ragged rows, it silently skips rows or picks another dialect.
 */
export async function detectDelimiter(path: string): Promise<string> {
  const text = (await head(path, 64 * 1024)).toString('utf8');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  let best: string = ',';
  let bestCount = 0;
  for (const c of CANDIDATES) {
    const n = countOutsideQuotes(firstLine, c);
    if (n > bestCount) {
      best = c;
      bestCount = n;
    }
  }
  return best;
}

/** The header's fields, split on `delimiter` (quotes respected). */
export async function readHeaderFields(path: string, delimiter: string): Promise<string[]> {
  const text = (await head(path, 64 * 1024)).toString('utf8');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return splitRecord(firstLine, delimiter);
}

function splitRecord(line: string, delimiter: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (quoted && line[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = !quoted;
    } else if (c === delimiter && !quoted) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export interface RaggedRow {
  /** 1-based physical line where the record starts. */
  line: number;
  expected: number;
  found: number;
}

/**
 * Scans a CSV file for the first record whose field count differs from the header's.
 * Used only to explain a parse failure precisely; streams the file, quotes respected.
 */
export async function findRaggedRow(path: string, delimiter: string): Promise<RaggedRow | undefined> {
  const handle = await open(path, 'r');
  try {
    const delim = delimiter.charCodeAt(0);
    let expected = -1;
    let fields = 1;
    let quoted = false;
    let line = 1;
    let recordLine = 1;
    let recordEmpty = true;
    let prevCR = false;
    const endRecord = (): RaggedRow | undefined => {
      if (!recordEmpty) {
        if (expected < 0) expected = fields;
        else if (fields !== expected) return { line: recordLine, expected, found: fields };
      }
      fields = 1;
      recordEmpty = true;
      return undefined;
    };
    for await (const chunk of handle.createReadStream({
      highWaterMark: 1 << 20,
      autoClose: false,
    }) as AsyncIterable<Buffer>) {
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (b === 0x22) {
          quoted = !quoted;
          recordEmpty = false;
        } else if (b === 0x0a || b === 0x0d) {
          const isLF = b === 0x0a;
          if (!(isLF && prevCR)) line++;
          if (!quoted) {
            const bad = endRecord();
            if (bad) return bad;
            recordLine = line;
          }
        } else {
          if (b === delim && !quoted) fields++;
          if (b !== 0x20 && b !== 0x09) recordEmpty = false;
        }
        prevCR = b === 0x0d;
      }
    }
    return endRecord();
  } finally {
    await handle.close();
  }
}
