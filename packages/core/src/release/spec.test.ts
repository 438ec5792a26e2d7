import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';
import { parseReleaseSpec, validateReleaseSpec } from './parse-spec.js';

const errorOf = (text: string): string => {
  try {
    parseReleaseSpec(text, 'release.yaml');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
};

describe('release spec', () => {
  it('fills the defaults of a minimal spec', () => {
    const spec = parseReleaseSpec('model: penguins\ncandidate: penguins@2\n');
    expect(spec.strategy).toBe('canary');
    expect(spec.canary.steps).toEqual([1, 5, 25, 50, 100]);
    expect(spec.shadow).toMatchObject({ min_requests: 200, max_disagreement: 0.05 });
    expect(spec.online_gates.error_rate).toEqual({ max_increase: 0.01, alpha: 0.05 });
    expect(spec.online_gates.sample_ratio.alpha).toBe(0.001);
    expect(spec.rollback).toEqual({ on_fail: 'automatic', on_inconclusive: 'hold' });
  });

  it('parses durations to milliseconds', () => {
    const spec = parseReleaseSpec(
      'model: m\ncandidate: m@2\nshadow: { min_duration: 30s, max_duration: 2m }\ncanary: { min_duration: 1.5 }\n',
    );
    expect(spec.shadow).toMatchObject({ min_duration: 30_000, max_duration: 120_000 });
    expect(spec.canary.min_duration).toBe(1500);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('2h')).toBe(7_200_000);
    expect(() => parseDuration('soon')).toThrow(/not a duration/);
  });

  it('skips the shadow phase when it is null', () => {
    expect(parseReleaseSpec('model: m\ncandidate: m@2\nshadow: null\n').shadow).toBeNull();
  });

  it('names the file, the line and the field of a bad value, in one line', () => {
    expect(errorOf('model: m\ncandidate: m@2\ncanary:\n  steps: [5, 1, 100]\n')).toBe(
      'release.yaml:4: canary.steps: steps must increase',
    );
    expect(errorOf('model: m\ncandidate: m@2\ncanary:\n  steps: [1, 5]\n')).toBe(
      'release.yaml:4: canary.steps: the last step must be 100 (all traffic on the candidate)',
    );
    expect(errorOf('model: m\ncandidate: m@2\nshadow:\n  max_disagreement: 2\n')).toMatch(
      /^release\.yaml:4: shadow\.max_disagreement: Too big/,
    );
    expect(errorOf('model: m\ncandidate: m@2\nshadow:\n  min_duration: soon\n')).toBe(
      'release.yaml:4: shadow.min_duration: expected a duration such as 250ms, 30s, 5m or 2h',
    );
    expect(errorOf('model: m\ncandidate: m@2\ncanary:\n  stepz: [1]\n')).toBe(
      'release.yaml:4: canary.stepz: unknown key "stepz"',
    );
    expect(errorOf('model: m\n')).toBe('release.yaml:1: candidate: required, but missing');
    expect(errorOf('model: m\ncandidate: m@2\nstrategy: blue-green\n')).toBe(
      'release.yaml:1: blue_green: the blue-green strategy needs a "blue_green" section with smoke rows',
    );
    expect(errorOf('model: m\ncandidate: m@2\noffline:\n  gates:\n    - metric: accuracy\n')).toBe(
      'release.yaml:5: offline.gates[0]: an offline gate needs "min" or "max"',
    );
    expect(errorOf('model: m\ncandidate: m@2\npromote_alias: "@champion"\n')).toBe(
      'release.yaml:3: promote_alias: expected an alias name such as champion',
    );
    expect(errorOf('')).toBe(
      'release.yaml: the file is empty; a release needs at least "model" and "candidate"',
    );
    expect(errorOf('model: [\n')).toMatch(/^release\.yaml:\d+: invalid YAML: /);
  });

  it('reads the examples of docs/releases.md', () => {
    const read = (name: string) =>
      parseReleaseSpec(
        readFileSync(new URL(`../../../../examples/releases/${name}`, import.meta.url), 'utf8'),
        name,
      );
    const canary = read('canary.yaml');
    expect(canary).toMatchObject({ candidate: 'penguins@2', baseline: 'penguins@1', strategy: 'canary' });
    expect(canary.shadow).toMatchObject({
      min_duration: 600_000,
      max_duration: 7_200_000,
      slice_by: 'island',
    });
    expect(canary.offline!.gates).toEqual([{ metric: 'accuracy', split: 'test', min: 0.9 }]);
    expect(read('blue-green.yaml')).toMatchObject({
      strategy: 'blue-green',
      shadow: null,
      blue_green: { keep_warm: 1_800_000 },
    });
    expect(read('shadow.yaml').strategy).toBe('shadow');
  });

  it('validates a parsed body, naming the field', () => {
    expect(() => validateReleaseSpec({ model: 'm', candidate: 'm@2', canary: { min_requests: 0 } })).toThrow(
      /^canary\.min_requests: Too small/,
    );
  });
});
