import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { openSqliteRegistry } from '../../src/registry/index.js';
import { registryContract } from '../support/registry-contract.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-registry-sqlite-');
let n = 0;

registryContract('SQLite', {
  open: (clock) => openSqliteRegistry(join(temp.dir, `registry-${++n}.db`), { now: clock.now }),
  tamperWithEvents: async (store) => {
    // A second connection to the same file, as another program would open it.
    const db = new BetterSqlite3(store.location.replace(/^sqlite:/, ''));
    try {
      db.prepare("update events set actor = 'mallory'").run();
    } finally {
      db.close();
    }
  },
});
