import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import {
  type DeclaredSignature,
  HTTP_PROTOCOLS,
  type HttpProtocolName,
  type ModelRuntime,
  mergeSignatures,
  openModel,
  parseSignature,
} from '@vigie/core/models';
import { parseRef, type VersionRef, writeBlobTo } from '@vigie/core/registry';
import type { CommandContext } from '../context.js';
import { refOf } from '../registry/format.js';
import { openCliRegistry, type RegistryFlags } from '../registry/open.js';

/** What --model names, parsed once: a model server, an ONNX file, or a registered model version. */
export type ModelArg =
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string; text: string }
  | { kind: 'ref'; ref: VersionRef; text: string };

/**
 * A URL is a model server; an existing path, or one that looks like a path (a folder separator or
 * a model file's extension) a file; anything else a registry reference (NAME is the latest version).
 */
export function parseModelArg(text: string, cwd: string): ModelArg {
  if (/^https?:\/\//i.test(text)) return { kind: 'url', url: text };
  const path = resolve(cwd, text);
  const looksLikePath =
    /[\\/]/.test(text) || /\.(onnx|pkl|pickle|joblib|pt|pth|h5|keras|pb|ubj)$/i.test(text);
  if (existsSync(path) || (looksLikePath && !text.includes('@'))) return { kind: 'file', path, text };
  try {
    return { kind: 'ref', ref: parseRef(text), text };
  } catch {
    throw new VigieError(
      'FILE_NOT_FOUND',
      `--model ${text}: no such file, and not a registry reference (NAME@VERSION or NAME@ALIAS)`,
      { details: { file: text } },
    );
  }
}

export interface ModelFlags extends RegistryFlags {
  protocol?: HttpProtocolName;
  header?: string[];
  timeout?: number;
  batchRows?: number;
  threads?: number;
  inputTensor?: string;
}

export interface OpenedModel {
  runtime: ModelRuntime;
  /** How to name the model in messages: the path, the URL or `name@version`. */
  name: string;
}

function headersOf(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0)
      throw new VigieError(
        'INVALID_ARGUMENT',
        `--header: expected "Name: value", got "${line.slice(0, 40)}"`,
        {
          details: { field: 'header' },
        },
      );
    headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

/**
 * Opens the model --model names. A registered version's artifact is written to a temporary file
 * (verified against its SHA-256 as it is written), opened with the signature stored with it, and
 * the file removed once loaded.
 */
export async function openModelArg(
  ctx: CommandContext,
  arg: ModelArg,
  declared: DeclaredSignature | undefined,
  flags: ModelFlags,
): Promise<OpenedModel> {
  const common = {
    ...(flags.batchRows !== undefined ? { batchRows: flags.batchRows } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
  };
  if (arg.kind === 'url') {
    if (flags.protocol && !HTTP_PROTOCOLS.includes(flags.protocol))
      throw new VigieError('INVALID_ARGUMENT', `--protocol: expected ${HTTP_PROTOCOLS.join(', ')}`);
    const runtime = await openModel(arg.url, {
      ...common,
      protocol: flags.protocol ?? 'vigie',
      ...(declared ? { signature: declared } : {}),
      ...(flags.timeout !== undefined ? { timeoutMs: flags.timeout } : {}),
      ...(flags.header ? { headers: headersOf(flags.header) } : {}),
      ...(flags.inputTensor ? { inputTensor: flags.inputTensor } : {}),
    });
    return { runtime, name: arg.url.replace(/\?.*$/, '') };
  }
  if (arg.kind === 'file')
    return {
      runtime: await openModel(arg.path, {
        ...common,
        label: arg.text,
        ...(declared ? { signature: declared } : {}),
      }),
      name: arg.text,
    };
  await using registry = await openCliRegistry(ctx, flags);
  const version = await registry.store.getModel(arg.ref);
  if (version.artifactFormat.toLowerCase() !== 'onnx')
    throw new VigieError(
      'UNSUPPORTED',
      `${refOf(version)}: the artifact is ${version.artifactFormat}, and vigie predict runs ONNX models (export it with skl2onnx, see docs/models.md)`,
    );
  const stored = version.signature
    ? parseSignature(version.signature, `${refOf(version)}: stored signature`)
    : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'vigie-model-'));
  try {
    const path = join(dir, 'model.onnx');
    await writeBlobTo(registry.blobs, version.artifactHash, path);
    const runtime = await openModel(path, {
      ...common,
      label: refOf(version),
      signature: mergeSignatures(stored, declared),
    });
    return { runtime, name: refOf(version) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
