// view/scene/index.ts — the public face of the pure layout layer.
export * from './types';
export { buildKernelScene } from './kernelScene';
export { buildUserScene } from './userScene';
export { planColumns, relatedOf, type Plan, type Column } from './layout';
export { containersOf, toneOf, vethKey, portKey, type ContainerView, type NetworkMode } from './model';
