export * from './access-matrix.js';
export * from './directory.js';
export * from './hetu.js';
export * from './openapi-contract.js';
export * from './receiver.js';
