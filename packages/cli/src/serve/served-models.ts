import { basename } from 'node:path';
import { VigieError } from '@vigie/core/errors';
import { type DeclaredSignature, parseSignature } from '@vigie/core/models';
import { type ServedModel, servedModel } from '@vigie/gateway';
import type { CommandContext } from '../context.js';
import { UsageError } from '../exit-codes.js';
import { type ModelFlags, openModelArg, parseModelArg } from '../predict/model-arg.js';
import { jsonArg } from '../registry/json-arg.js';

/** `NAME=VALUE` flags (--model, --shadow, --signature), parsed once. */
export function parseAssignments(values: readonly string[], option: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const text of values) {
    const at = text.indexOf('=');
    const name = text.slice(0, at).trim();
    if (at <= 0 || !/^[A-Za-z0-9][\w.-]*$/.test(name) || at === text.length - 1)
      throw new UsageError(
        `${option} ${text}: expected NAME=VALUE, NAME made of letters, digits, ".", "_" or "-"`,
      );
    if (out.has(name)) throw new UsageError(`${option}: "${name}" is given twice`);
    out.set(name, text.slice(at + 1).trim());
  }
  return out;
}

export function parseSignatures(values: readonly string[], cwd: string): Map<string, DeclaredSignature> {
  const out = new Map<string, DeclaredSignature>();
  for (const [name, text] of parseAssignments(values, '--signature'))
    out.set(name, parseSignature(jsonArg(text, `--signature ${name}`, cwd), `--signature ${name}`));
  return out;
}

/**
 * Loads what `--model NAME=REF_OR_FILE` names: a registered version (`penguins@3`,
 * `penguins@champion`: its artifact verified and its stored signature), an `.onnx` file or a model
 * server URL. A file is served as `NAME@FILE-NAME`; a registered version as `name@version`.
 */
export async function loadServed(
  ctx: CommandContext,
  name: string,
  text: string,
  flags: ModelFlags & { beta?: boolean },
  signature: DeclaredSignature | undefined,
): Promise<ServedModel> {
  const arg = parseModelArg(text, ctx.io.cwd);
  if (arg.kind === 'url' && !signature)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `--model ${name}=${text}: a model server does not describe itself: give --signature ${name}=JSON`,
    );
  const opened = await openModelArg(ctx, arg, signature, { ...flags, threads: flags.threads ?? 1 });
  const ref =
    arg.kind === 'ref' ? opened.name : `${name}@${arg.kind === 'file' ? basename(arg.path) : 'http'}`;
  return servedModel(opened.runtime, ref, { beta: flags.beta === true });
}
