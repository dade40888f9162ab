export * from './core/errors.js';
export * from './privacy/index.js';
