export { gbdtTrainer } from './gbdt-trainer.js';
export {
  BUILTIN_TRAINERS,
  type BuiltinModel,
  type BuiltinTrainer,
  type BuiltinTrainingInput,
  encodeLabel,
  type GbdtTrainer,
  type LabelEncoding,
  taskOf,
  trainBuiltin,
} from './train-builtin.js';
