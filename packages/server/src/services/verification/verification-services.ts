import type { PureApiService } from './pure-api-service.js';
import type { ReflectService } from './reflect-service.js';
import type { UploadLink } from './upload-links.js';

/** What the pure-API liveness/compare actions call. */
export interface VerificationServices {
  readonly pureApi: PureApiService;
  readonly reflect: ReflectService;
  readonly createUploadLink: (targetAction: string, at: Date) => UploadLink;
}
