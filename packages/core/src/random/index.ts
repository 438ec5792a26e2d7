export { createRandom, type Random, sampleIndices, shuffleInPlace } from './random.js';
