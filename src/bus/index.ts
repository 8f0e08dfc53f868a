export * from './types.ts';
export { openEmbeddedBus, EmbeddedBus, type EmbeddedBusOptions } from './embedded/index.ts';
export { openJetStreamBus, JetStreamBus, type JetStreamBusOptions } from './jetstream/index.ts';
