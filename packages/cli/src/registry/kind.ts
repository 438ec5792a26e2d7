import { VigieError } from '@vigie/core/errors';
import { parseRef, type RegistryStore, type VersionedKind } from '@vigie/core/registry';

/**
 * Whether a reference names a dataset or a model: from its prefix (`model:clf@2`), else from what
 * the registry holds under that name. A name used by both must be prefixed.
 */
export async function kindOf(store: RegistryStore, ref: string): Promise<VersionedKind> {
  const prefixed = /^(dataset|model):/.exec(ref)?.[1];
  if (prefixed) return prefixed as VersionedKind;
  const name = parseRef(ref).name;
  const exists = async (kind: VersionedKind) => {
    try {
      await (kind === 'dataset' ? store.getDataset : store.getModel)({ name, by: 'latest' });
      return true;
    } catch (error) {
      if (error instanceof VigieError && error.code === 'NOT_FOUND') return false;
      throw error;
    }
  };
  const [dataset, model] = await Promise.all([exists('dataset'), exists('model')]);
  if (dataset && model)
    throw new VigieError(
      'INVALID_ARGUMENT',
      `"${name}" is both a dataset and a model: write dataset:${ref} or model:${ref}`,
      {
        details: { ref },
      },
    );
  if (!dataset && !model)
    throw new VigieError('NOT_FOUND', `no dataset or model named "${name}" is registered`, {
      details: { ref },
    });
  return dataset ? 'dataset' : 'model';
}

/** The id a reference resolves to (`dataset:penguins@3`), for lineage; record ids pass through. */
export async function idOf(store: RegistryStore, ref: string): Promise<string> {
  if (/^(source|evaluation|release|deployment):/.test(ref)) return ref;
  const kind = await kindOf(store, ref);
  const parsed = parseRef(ref);
  const v = kind === 'dataset' ? await store.getDataset(parsed) : await store.getModel(parsed);
  return v.id;
}
