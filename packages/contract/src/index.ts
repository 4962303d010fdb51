export * from './errors/api-error.js';
export * from './findings/findings.js';
export * from './capture/capture-api.js';
export * from './actions/get-face-id-token-intl.js';
export * from './actions/apply-liveness-token.js';
export * from './codes/catalog.js';
export * from './codes/finding-codes.js';
export * from './codes/render-errors-doc.js';
