import type { GbdtTrainer } from '@vigie/core/models';

/**
 * The gradient-boosting trainer plugged into the built-in trainers. Undefined until the boosted
 * trees are available; `trainBuiltin` then refuses the gbdt trainer with a clear error.
 */
export const gbdtTrainer: GbdtTrainer | undefined = undefined;
