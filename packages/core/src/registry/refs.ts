import { createHash } from 'node:crypto';
import { VigieError } from '../errors/index.js';

/** Names of datasets, models and aliases: a letter or digit, then letters, digits, `.`, `_`, `-`. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const ALIAS = /^[A-Za-z][A-Za-z0-9._-]{0,63}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export type VersionedKind = 'dataset' | 'model';

/**
 * A reference to a dataset or model version as users write it: `penguins` or `penguins@latest`
 * (the newest), `penguins@3` (version number), `penguins@1.2.0` (semver), `penguins@champion`
 * (alias). Parsed once at the edge; stores resolve it.
 */
export type VersionRef =
  | { name: string; by: 'latest' }
  | { name: string; by: 'version'; version: number }
  | { name: string; by: 'semver'; semver: string }
  | { name: string; by: 'alias'; alias: string };

export function parseRef(text: string): VersionRef {
  const stripped = text.replace(/^(dataset|model):/, '');
  const at = stripped.lastIndexOf('@');
  const name = at < 0 ? stripped : stripped.slice(0, at);
  const selector = at < 0 ? 'latest' : stripped.slice(at + 1);
  checkName(name, 'name', text);
  if (selector === 'latest') return { name, by: 'latest' };
  if (/^v?\d+$/.test(selector)) {
    const version = Number(selector.replace(/^v/, ''));
    if (Number.isSafeInteger(version) && version >= 1) return { name, by: 'version', version };
  }
  if (SEMVER.test(selector)) return { name, by: 'semver', semver: selector };
  if (ALIAS.test(selector)) return { name, by: 'alias', alias: selector };
  throw new VigieError(
    'INVALID_ARGUMENT',
    `"${text}" is not a reference: write NAME, NAME@VERSION (e.g. @3), NAME@SEMVER (e.g. @1.2.0) or NAME@ALIAS`,
    { details: { field: 'ref' } },
  );
}

export function formatRef(ref: VersionRef): string {
  switch (ref.by) {
    case 'latest':
      return `${ref.name}@latest`;
    case 'version':
      return `${ref.name}@${ref.version}`;
    case 'semver':
      return `${ref.name}@${ref.semver}`;
    case 'alias':
      return `${ref.name}@${ref.alias}`;
  }
}

export function checkName(name: string, what: string, shown = name): void {
  if (!NAME.test(name))
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${shown}": a ${what} starts with a letter or digit and holds only letters, digits, ".", "_" and "-" (at most 128)`,
      { details: { field: what } },
    );
}

export function checkAlias(alias: string): void {
  if (!ALIAS.test(alias) || alias === 'latest')
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${alias}" is not an alias name: a letter, then letters, digits, ".", "_" and "-" (not "latest")`,
      { details: { field: 'alias' } },
    );
}

export function isSemver(text: string): boolean {
  return SEMVER.test(text);
}

/** The id of a versioned entity: `dataset:penguins@3`. */
export function versionId(kind: VersionedKind, name: string, version: number): string {
  return `${kind}:${name}@${version}`;
}

/**
 * What an id refers to, for display: `{ kind: 'dataset', ref: 'penguins@3' }` for versions, the id
 * itself for other records (`deployment:4`); sources are shown by URI by the caller.
 */
export function describeId(id: string): { kind: string; ref: string } {
  const colon = id.indexOf(':');
  if (colon < 0) return { kind: 'unknown', ref: id };
  const kind = id.slice(0, colon);
  return { kind, ref: kind === 'dataset' || kind === 'model' ? id.slice(colon + 1) : id };
}

/** A source is one (uri, content hash) pair; its id is derived from both. */
export function sourceId(uri: string, contentHash: string | null): string {
  const h = createHash('sha256')
    .update(uri)
    .update('\0')
    .update(contentHash ?? '')
    .digest('hex');
  return `source:${h.slice(0, 24)}`;
}
