// core: ids, injectable clock, seeded random, the coded error type and units. Imports nothing.
export { RiskError, isRiskError } from './risk-error.js';
export { type Clock, systemClock, FixedClock } from './clock.js';
export { Random } from './random.js';
export { FNV_OFFSET, fnv1a, fmix32 } from './string-hash.js';
export { newId, idTime } from './ids.js';
export { startWorker } from './worker-thread.js';
export { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS, roundCents, daysBetween, addMonths } from './units.js';
/** The WebAssembly assembler the engines' kernels are written with. */
export * as wasm from './wasm-assembler.js';
