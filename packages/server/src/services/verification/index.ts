export {
  PureApiService,
  type PureApiCall,
  type PureApiDeps,
  type VideoCompareAnswer,
  type VideoCompareRequest,
} from './pure-api-service.js';
export { ReflectService, type SecurityLevel } from './reflect-service.js';
export { createUploadLink, type UploadLink } from './upload-links.js';
export { bestFrameNum } from './liveness-request.js';
export { pureApiOutcome, type FailureDelivery } from './pure-api-outcome.js';
export type { VerificationServices } from './verification-services.js';
export { createVerificationRuntime, type VerificationRuntime } from './create-verification.js';
