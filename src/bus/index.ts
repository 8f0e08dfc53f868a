export * from './types.ts';
export { openEmbeddedBus, EmbeddedBus, type EmbeddedBusOptions } from './embedded/index.ts';
