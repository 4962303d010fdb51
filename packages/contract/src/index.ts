export * from './errors/api-error.js';
export * from './findings/findings.js';
