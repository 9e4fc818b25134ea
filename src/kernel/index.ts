// kernel/index.ts — the public face of the kernel model.
export * from './types';
export * from './ops';
export * from './query';
export * from './addr';
export * from './invariants';
export { cowRecord, memoOf, peekMemo, recordSize, seedMemo } from './record';
export { nextU32, randomBytes, randomHex, seedFrom } from './rng';
export * from './packet';
