import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { processIo } from '../src/io.js';
import { COMMAND_MODULES, main } from '../src/main.js';

describe('COMMAND_MODULES', () => {
  it('names exactly the top-level commands each module registers, once each', async () => {
    const seen: string[] = [];
    for (const module of COMMAND_MODULES) {
      const program = new Command('vigie');
      (await module.load())(program, { io: processIo(), exitCode: 0, debug: false });
      const registered = program.commands.map((c) => c.name());
      expect(registered, module.names.join(',')).toEqual(module.names);
      seen.push(...registered);
    }
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('an unknown command still gets the usage error naming the commands it could mean', async () => {
    const err: string[] = [];
    const io = { ...processIo(), stderr: { write: (s: string) => err.push(s) } } as ReturnType<
      typeof processIo
    >;
    expect(await main(['profil'], io)).toBe(2);
    expect(err.join('')).toMatch(/unknown command 'profil'[\s\S]*Did you mean profile\?/);
  });
});
