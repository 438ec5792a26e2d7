/**
 * A small Prometheus registry: counters, histograms and gauges read at scrape time, rendered in the
 * text exposition format (version 0.0.4). Children (one per label set) are resolved once and kept
 * by the hot path, so counting a request is an addition, not a map lookup of a label string.
 */

export interface CounterChild {
  inc(by?: number): void;
  readonly value: number;
}

export interface HistogramChild {
  /** One observation, in the metric's unit (seconds for latency). */
  observe(value: number): void;
}

export interface Counter {
  labels(...values: string[]): CounterChild;
}

export interface Histogram {
  labels(...values: string[]): HistogramChild;
}

/** A gauge's samples at scrape time: a number, or one per label set. */
export type GaugeRead = () => number | ReadonlyArray<readonly [readonly string[], number]>;

export interface MetricsRegistry {
  counter(name: string, help: string, labelNames?: readonly string[]): Counter;
  histogram(name: string, help: string, labelNames: readonly string[], buckets: readonly number[]): Histogram;
  /** A value read at scrape time; `type` 'counter' for a total kept elsewhere (CPU time, a log's writes). */
  gauge(
    name: string,
    help: string,
    labelNames: readonly string[],
    read: GaugeRead,
    type?: 'gauge' | 'counter',
  ): void;
  /** The exposition text. */
  render(): string;
}

/** Latency buckets in seconds, from 50 µs (the gateway's own overhead) to 10 s. */
export const LATENCY_BUCKETS: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

function labelText(names: readonly string[], values: readonly string[], extra = ''): string {
  const parts = names.map((n, i) => `${n}="${escapeLabel(values[i] ?? '')}"`);
  if (extra) parts.push(extra);
  return parts.length === 0 ? '' : `{${parts.join(',')}}`;
}

function formatNumber(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Number.POSITIVE_INFINITY) return '+Inf';
  if (x === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(x);
}

interface Family {
  render(out: string[]): void;
}

export function createMetricsRegistry(): MetricsRegistry {
  const families: Family[] = [];
  const names = new Set<string>();
  const claim = (name: string) => {
    if (names.has(name)) throw new Error(`metric ${name} is registered twice`);
    names.add(name);
  };
  return {
    counter(name, help, labelNames = []) {
      claim(name);
      const children = new Map<string, { values: string[]; child: { value: number } & CounterChild }>();
      families.push({
        render(out) {
          out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
          for (const { values, child } of children.values())
            out.push(`${name}${labelText(labelNames, values)} ${formatNumber(child.value)}`);
        },
      });
      return {
        labels(...values) {
          const key = values.join('\u0000');
          let entry = children.get(key);
          if (!entry) {
            const child = {
              value: 0,
              inc(by = 1) {
                child.value += by;
              },
            };
            entry = { values, child };
            children.set(key, entry);
          }
          return entry.child;
        },
      };
    },
    histogram(name, help, labelNames, buckets) {
      claim(name);
      interface State {
        values: string[];
        counts: Float64Array;
        sum: number;
        count: number;
      }
      const children = new Map<string, { state: State; child: HistogramChild }>();
      families.push({
        render(out) {
          out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
          for (const { state } of children.values()) {
            let cumulative = 0;
            for (let b = 0; b < buckets.length; b++) {
              cumulative += state.counts[b]!;
              out.push(
                `${name}_bucket${labelText(labelNames, state.values, `le="${formatNumber(buckets[b]!)}"`)} ${cumulative}`,
              );
            }
            out.push(`${name}_bucket${labelText(labelNames, state.values, 'le="+Inf"')} ${state.count}`);
            out.push(`${name}_sum${labelText(labelNames, state.values)} ${formatNumber(state.sum)}`);
            out.push(`${name}_count${labelText(labelNames, state.values)} ${state.count}`);
          }
        },
      });
      return {
        labels(...values) {
          const key = values.join('\u0000');
          let entry = children.get(key);
          if (!entry) {
            const state: State = { values, counts: new Float64Array(buckets.length), sum: 0, count: 0 };
            const child: HistogramChild = {
              observe(v) {
                state.sum += v;
                state.count++;
                for (let b = 0; b < buckets.length; b++)
                  if (v <= buckets[b]!) {
                    state.counts[b]!++;
                    return;
                  }
              },
            };
            entry = { state, child };
            children.set(key, entry);
          }
          return entry.child;
        },
      };
    },
    gauge(name, help, labelNames, read, type = 'gauge') {
      claim(name);
      families.push({
        render(out) {
          out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
          const got = read();
          if (typeof got === 'number') out.push(`${name} ${formatNumber(got)}`);
          else
            for (const [values, v] of got)
              out.push(`${name}${labelText(labelNames, values)} ${formatNumber(v)}`);
        },
      });
    },
    render() {
      const out: string[] = [];
      for (const f of families) f.render(out);
      return `${out.join('\n')}\n`;
    },
  };
}
