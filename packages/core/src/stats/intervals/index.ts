export { type ProportionConfintOptions, proportionConfint } from './proportion-confint.js';
