// view/scene/index.ts — the public face of the pure layout layer.
export * from './types';
export { buildKernelScene } from './kernelScene';
export { buildUserScene } from './userScene';
export { planColumns, relatedOf, type Plan, type Column } from './layout';
export { containersOf, toneOf, vethKey, portKey, type ContainerView, type NetworkMode } from './model';
export { describeTree, describeChange, describeOp, describeWorld, netnsWords, type TwinItem } from './describe';
export { anchorOf, hopKey, legPath, packetStops, wireCurve, OUTSIDE_KEY, type PacketStop } from './packetPath';
