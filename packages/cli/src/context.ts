import { createRequire } from 'node:module';
import type { CliIo } from './io.js';

const require = createRequire(import.meta.url);
export const VERSION: string = (require('../package.json') as { version: string }).version;

/** What every command receives: the outside world and where it reports its exit code. */
export interface CommandContext {
  io: CliIo;
  exitCode: number;
  debug: boolean;
}
