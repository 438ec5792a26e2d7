// The fix: the service imports the training code instead of rewriting it.
export { features } from './features-train.mjs';
