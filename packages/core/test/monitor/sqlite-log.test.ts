import { join } from 'node:path';
import { openPredictionLog } from '../../src/monitor/index.js';
import { predictionLogContract } from '../support/prediction-log-contract.js';
import { tempDir } from '../support/temp.js';

const temp = tempDir('vigie-log-');
let n = 0;
predictionLogContract('SQLite', (options) =>
  openPredictionLog(`sqlite:${join(temp.dir, `log-${n++}.db`)}`, options),
);
