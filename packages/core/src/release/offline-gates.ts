import { parseRef, type RegistryStore } from '../registry/index.js';
import type { Verdict } from '../verdict/index.js';
import { fmt } from './format.js';
import type { ReleaseSpec } from './spec.js';

/**
 * The offline gates of a release, checked in the registry before any traffic moves: the
 * candidate's readiness for promotion (metrics on the required splits and a passed gate run, as
 * `vigie alias promote` requires) when `require_ready`, and absolute gates on its recorded
 * metrics (the newest evaluation of the split, else the metrics registered with the version).
 */
export async function checkOfflineGates(store: RegistryStore, spec: ReleaseSpec): Promise<Verdict[]> {
  const offline = spec.offline;
  if (!offline) return [];
  const model = await store.getModel(parseRef(spec.candidate));
  const out: Verdict[] = [];
  if (offline.require_ready) {
    const readiness = await store.modelReadiness(parseRef(`${model.name}@${model.version}`));
    const missing = readiness.requirements.filter((r) => !r.met);
    out.push({
      status: readiness.ready ? 'pass' : 'fail',
      check: 'offline:ready',
      kind: 'release',
      subject: model.id,
      method: 'readiness for promotion (metrics on the required splits, a passed gate run)',
      value: null,
      threshold: null,
      sampleSizes: {},
      details: { requirements: readiness.requirements },
      reason: readiness.ready
        ? `${model.id} is ready for promotion`
        : `${model.id} is not ready: ${missing.map((r) => `${r.name}: ${r.detail}`).join('; ')}`,
    });
  }
  if (offline.gates.length === 0) return out;
  const evaluations = await store.listEvaluations(model.id);
  for (const gate of offline.gates) {
    const newest = evaluations.filter((e) => e.split === gate.split && e.metrics[gate.metric]).at(-1);
    const measured = newest?.metrics[gate.metric] ?? model.metrics[gate.split]?.[gate.metric];
    const bounds = [
      gate.min !== undefined ? `≥ ${gate.min}` : null,
      gate.max !== undefined ? `≤ ${gate.max}` : null,
    ]
      .filter(Boolean)
      .join(' and ');
    const base = {
      check: `offline:${gate.metric}:${gate.split}`,
      kind: 'release',
      subject: `${gate.metric} on ${gate.split}`,
      method: `${gate.metric} ${bounds}, as recorded in the registry${newest ? ` (${newest.id})` : ''}`,
      threshold: gate.min ?? gate.max ?? null,
      sampleSizes: {},
    };
    if (!measured) {
      out.push({
        ...base,
        status: 'fail',
        value: null,
        reason: `no ${gate.metric} recorded for ${model.id} on ${gate.split} (vigie evaluate records it)`,
      });
      continue;
    }
    const v = measured.value;
    const ok = (gate.min === undefined || v >= gate.min) && (gate.max === undefined || v <= gate.max);
    out.push({
      ...base,
      status: ok ? 'pass' : 'fail',
      value: v,
      reason: `${gate.metric} on ${gate.split} = ${fmt(v)} (${ok ? 'meets' : 'misses'} ${bounds})`,
    });
  }
  return out;
}
