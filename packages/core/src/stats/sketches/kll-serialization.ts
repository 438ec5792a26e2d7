import {
  capacityTable,
  type LevelStack,
  levelWeight,
  MAX_LEVELS,
  MIN_LEVEL_CAPACITY,
  retainedCount,
  totalCapacity,
} from './kll-levels.js';
import { createStream, type KllStream } from './kll-stream.js';
import { RandomStream, type RandomStreamPosition } from './random-stream.js';
import {
  base64ToFloat64,
  decodeNumber,
  encodeNumber,
  float64ToBase64,
  invalid,
  type JsonNumber,
  readArray,
  readEnvelope,
  readInteger,
  readObject,
} from './serialization.js';

const KIND = 'vigie.kll-sketch';
const VERSION = 1;

/** Serialized KLL sketch (version 1). Levels are base64 little-endian float64, level 0 first. */
export interface KllSketchJSON {
  kind: typeof KIND;
  version: typeof VERSION;
  k: number;
  n: number;
  nanCount: number;
  /** Exact min and max; "NaN" when the sketch is empty. */
  min: JsonNumber;
  max: JsonNumber;
  levels: string[];
  /** Sampler level, values seen in its unfinished block, their current draw, next replacement. */
  sampler: { level: number; count: number; value: JsonNumber; next: number };
  random: RandomStreamPosition;
}

export function kllToJSON(state: KllStream): KllSketchJSON {
  const empty = state.count === 0;
  return {
    kind: KIND,
    version: VERSION,
    k: state.k,
    n: state.count,
    nanCount: state.nans,
    min: encodeNumber(empty ? Number.NaN : state.minValue),
    max: encodeNumber(empty ? Number.NaN : state.maxValue),
    levels: state.stack.items.map((level, h) => float64ToBase64(level.subarray(0, state.stack.sizes[h]!))),
    sampler: {
      level: state.base,
      count: state.pendingCount,
      value: encodeNumber(state.pendingValue),
      next: state.nextReplace,
    },
    random: state.random.position(),
  };
}

/** Validates a serialized sketch and returns its state. */
export function kllFromJSON(value: unknown): KllStream {
  const record = readEnvelope(value, KIND, VERSION);
  const k = readInteger(record, 'k', 8, 65535);
  const n = readInteger(record, 'n', 0, Number.MAX_SAFE_INTEGER);
  const nanCount = readInteger(record, 'nanCount', 0, Number.MAX_SAFE_INTEGER);
  const encoded = readArray(record, 'levels');
  if (encoded.length < 1 || encoded.length > MAX_LEVELS)
    invalid(`${KIND}: expected 1 to ${MAX_LEVELS} levels`);
  const items: Float64Array[] = [];
  const sizes: number[] = [];
  encoded.forEach((text, h) => {
    if (typeof text !== 'string') invalid(`${KIND}: level ${h} must be a base64 string`);
    const level = base64ToFloat64(text, `${KIND} level ${h}`);
    for (let i = 0; i < level.length; i++) {
      if (Number.isNaN(level[i])) invalid(`${KIND}: level ${h} holds NaN`);
      if (h > 0 && i > 0 && level[i - 1]! > level[i]!) invalid(`${KIND}: level ${h} is not sorted`);
    }
    const buffer = new Float64Array(Math.max(MIN_LEVEL_CAPACITY, level.length));
    buffer.set(level);
    items.push(buffer);
    sizes.push(level.length);
  });
  const stack: LevelStack = { items, sizes };

  const sampler = readObject(record, 'sampler');
  const samplerLevel = readInteger(sampler, 'level', 0, MAX_LEVELS);
  const block = 2 ** samplerLevel;
  const pendingCount = readInteger(sampler, 'count', 0, block - 1);
  const pendingValue = decodeNumber(sampler.value, `${KIND} sampler.value`);
  const nextReplace = readInteger(sampler, 'next', pendingCount + 1, block + 1);
  if (pendingCount === 0 && nextReplace !== 1) invalid(`${KIND}: an empty sampler block must have next = 1`);

  const random = readObject(record, 'random');
  const position = {
    seed: readInteger(random, 'seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
    epoch: readInteger(random, 'epoch', 0, Number.MAX_SAFE_INTEGER),
    used: readInteger(random, 'used', 0, Number.MAX_SAFE_INTEGER),
  };
  if (!RandomStream.validPosition(position)) invalid(`${KIND}: invalid random stream position`);

  if (levelWeight(stack) * block + pendingCount !== n)
    invalid(`${KIND}: n does not match the weight of the levels`);
  if (retainedCount(stack) >= totalCapacity(capacityTable(k), items.length))
    invalid(`${KIND}: levels over capacity`);

  const emptyMin = Number.POSITIVE_INFINITY;
  const emptyMax = Number.NEGATIVE_INFINITY;
  let min = decodeNumber(record.min, `${KIND} min`);
  let max = decodeNumber(record.max, `${KIND} max`);
  if (n === 0) {
    if (!Number.isNaN(min) || !Number.isNaN(max)) invalid(`${KIND}: an empty sketch has min and max NaN`);
    min = emptyMin;
    max = emptyMax;
  } else {
    if (!(min <= max)) invalid(`${KIND}: min must be ≤ max`);
    const outside = (x: number): boolean => x < min || x > max;
    for (let h = 0; h < items.length; h++) {
      for (let i = 0; i < sizes[h]!; i++)
        if (outside(items[h]![i]!)) invalid(`${KIND}: an item lies outside [min, max]`);
    }
    if (pendingCount > 0 && outside(pendingValue))
      invalid(`${KIND}: the sampler value lies outside [min, max]`);
  }
  const state = createStream(k, new RandomStream(position), stack);
  state.count = n;
  state.nans = nanCount;
  state.minValue = min;
  state.maxValue = max;
  state.base = samplerLevel;
  state.pendingCount = pendingCount;
  state.pendingValue = pendingValue;
  state.nextReplace = nextReplace;
  return state;
}
