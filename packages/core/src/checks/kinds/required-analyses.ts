import type { Verdict } from '../../verdict/index.js';
import type { AnalysisName, CheckRunner } from '../context.js';
import { checkId } from '../helpers.js';

/**
 * "Check that it was done": each required analysis is present and passed, either produced by this
 * run or, for `profile`, attached as a saved profile whose content hash is this data's.
 * - profile: a profile of this data exists (this run, or the file given in `profile`);
 * - checks: every other check of this run ran, and none failed;
 * - drift: a drift check ran in this run and was conclusive;
 * - split: a split was made and validated in this run.
 */
export const runRequiredAnalyses: CheckRunner<'required_analyses'> = async (spec, ctx) => {
  const missing: string[] = [];
  const present: string[] = [];
  for (const analysis of spec.analyses) {
    const problem = await problemWith(analysis, spec.profile, ctx);
    if (problem) missing.push(`${analysis} (${problem})`);
    else present.push(analysis);
  }
  const ok = missing.length === 0;
  const verdict: Verdict = {
    status: ok ? 'pass' : spec.severity,
    check: checkId(spec),
    kind: 'required_analyses',
    method: 'required analyses present and passed',
    value: present.length,
    threshold: spec.analyses.length,
    comparison: '>=',
    sampleSizes: { n: ctx.table.rowCount },
    reason: ok ? `all required analyses present: ${present.join(', ')}` : `missing: ${missing.join('; ')}`,
    details: { required: spec.analyses, present, missing },
  };
  return [verdict];
};

async function problemWith(
  analysis: AnalysisName,
  profilePath: string | undefined,
  ctx: Parameters<CheckRunner<'required_analyses'>>[1],
): Promise<string | undefined> {
  switch (analysis) {
    case 'profile': {
      if (ctx.analyses.has('profile')) return undefined;
      if (profilePath === undefined) return 'not computed in this run and no saved profile given';
      const saved = await ctx.loadProfile(profilePath);
      return saved.contentHash === ctx.contentHash()
        ? undefined
        : `the profile ${profilePath} is of other data (content hash differs; a profile saved before content hash format v3 differs too: profile the data again)`;
    }
    case 'checks': {
      const others = ctx.previous.filter((v) => v.kind !== 'required_analyses');
      if (others.length === 0) return 'no other check ran';
      const failed = others.filter((v) => v.status === 'fail').length;
      return failed > 0 ? `${failed} check(s) failed` : undefined;
    }
    case 'drift': {
      const drift = ctx.previous.filter((v) => v.kind === 'drift');
      if (drift.length === 0) return 'no drift check in this run';
      return drift.some((v) => v.status === 'inconclusive') ? 'the drift check was inconclusive' : undefined;
    }
    case 'split': {
      const split = ctx.analyses.get('split');
      if (split === undefined) return 'no split in this run';
      return split === 'fail' ? 'the split validation failed' : undefined;
    }
  }
}
