import { createRandom, type Random } from '../../random/index.js';

/** Draws per epoch: restoring a stream replays at most this many draws. */
const EPOCH_DRAWS = 4096;

/** Where a `RandomStream` stands, for serialization. */
export interface RandomStreamPosition {
  seed: number;
  epoch: number;
  used: number;
}

/**
 * A seeded random stream whose position can be saved and restored cheaply, so that a sketch
 * read back from JSON continues with exactly the coin flips the original would have used.
 * The stream is the concatenation of `createRandom(seed).derive(epoch)` for epoch = 0, 1, ...,
 * each contributing EPOCH_DRAWS 32-bit draws.
 */
export class RandomStream {
  readonly seed: number;
  private readonly base: Random;
  private current: Random;
  private epoch: number;
  private used: number;

  constructor(position: RandomStreamPosition) {
    this.seed = position.seed;
    this.base = createRandom(position.seed);
    this.epoch = position.epoch;
    this.used = 0;
    this.current = this.base.derive(this.epoch);
    for (let i = 0; i < position.used; i++) this.uint32();
  }

  static validPosition(position: RandomStreamPosition): boolean {
    return (
      Number.isSafeInteger(position.seed) &&
      Number.isSafeInteger(position.epoch) &&
      position.epoch >= 0 &&
      Number.isInteger(position.used) &&
      position.used >= 0 &&
      position.used < EPOCH_DRAWS
    );
  }

  position(): RandomStreamPosition {
    return { seed: this.seed, epoch: this.epoch, used: this.used };
  }

  clone(): RandomStream {
    return new RandomStream(this.position());
  }

  uint32(): number {
    if (this.used === EPOCH_DRAWS) {
      this.epoch++;
      this.used = 0;
      this.current = this.base.derive(this.epoch);
    }
    this.used++;
    return this.current.uint32();
  }

  /** A fair coin: 0 or 1. */
  bit(): number {
    return this.uint32() >>> 31;
  }

  /** Uniform in (0, 1] on a 2^-32 grid: never 0, so it can divide. One draw. */
  openUnit(): number {
    return (this.uint32() + 1) / 4294967296;
  }
}
