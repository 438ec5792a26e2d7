import { join } from 'node:path';
import {
  type BlobStore,
  createFsBlobStore,
  createHttpRegistryStore,
  openSqliteRegistry,
  type RegistryStore,
} from '@vigie/core/registry';
import { registryContract } from '../../core/test/support/registry-contract.js';
import { tempDir } from '../../core/test/support/temp.js';
import { createApp } from '../src/app.js';
import { startServer } from '../src/serve.js';

const temp = tempDir('vigie-registry-http-');
let n = 0;

/**
 * The contract's records name blobs by made-up hashes (`aaaa…`), which no bytes have; this blob
 * store says it holds every one, so the contract exercises the registry. Refusing metadata whose
 * blob is missing is tested with real blobs in the server's own tests.
 */
function holdingEverything(blobs: BlobStore): BlobStore {
  return { ...blobs, has: async () => true };
}

/**
 * The server records the token's name as the actor, so each actor of the contract (alice, bob,
 * ci, ...) gets a token of its own: calls are sent with the token named after their `by`.
 */
const WRITES = new Set<PropertyKey>([
  'registerDataset',
  'registerModel',
  'attachAnalysis',
  'markDatasetReady',
  'recordEvaluation',
  'recordRelease',
  'recordReleaseEvent',
  'recordDeployment',
  'moveAlias',
  'approveAlias',
  'protectAlias',
]);

function byActor(open: (actor: string) => Promise<RegistryStore>, reader: RegistryStore): RegistryStore {
  const stores = new Map<string, Promise<RegistryStore>>();
  const storeFor = (actor: string) => {
    let store = stores.get(actor);
    if (!store) stores.set(actor, (store = open(actor)));
    return store;
  };
  return new Proxy(reader, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (!WRITES.has(key)) return value;
      return async (...args: unknown[]) => {
        // Every write takes its input, with `by`, as the last argument.
        const store = await storeFor((args.at(-1) as { by: string }).by);
        return (Reflect.get(store, key) as (...a: unknown[]) => unknown).apply(store, args);
      };
    },
  });
}

registryContract('HTTP (a Vigie server on SQLite)', {
  open: async (clock) => {
    const dir = join(temp.dir, `case-${++n}`);
    const sql = await openSqliteRegistry(join(dir, 'registry.db'), { now: clock.now });
    const blobs = holdingEverything(createFsBlobStore(join(dir, 'blobs')));
    const app = createApp({ store: sql, blobs, tokens: sql.tokens });
    const server = await startServer({ app, port: 0 });
    const connect = async (name: string, scope: 'read' | 'write') =>
      createHttpRegistryStore({
        url: server.url,
        token: (await sql.tokens.createToken({ name, scopes: [scope] })).token,
      });
    const reader = await connect('reader', 'read');
    const store = byActor((actor) => connect(actor, 'write'), reader);
    return Object.assign(Object.create(store) as RegistryStore, {
      location: reader.location,
      async [Symbol.asyncDispose]() {
        await server.close();
        await sql[Symbol.asyncDispose]();
      },
    });
  },
});
