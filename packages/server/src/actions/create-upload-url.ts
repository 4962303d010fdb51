import { CreateUploadUrlRequest, CreateUploadUrlResponse } from '@open-ekyc/contract';
import { defineAction } from './action.js';
import type { VerificationServices } from './pure-api-context.js';

/**
 * CreateUploadUrl (spec §7.1): a temporary single-object PUT URL on this server and the ResourceUrl
 * to pass in the *Url fields of later calls (resolved from the media store, never fetched over HTTP).
 */
export function createCreateUploadUrl(deps: { verification: VerificationServices }) {
  return defineAction({
    name: 'CreateUploadUrl',
    request: CreateUploadUrlRequest,
    response: CreateUploadUrlResponse,
    async handle(caller, input) {
      const link = deps.verification.createUploadLink(input.TargetAction, caller.receivedAt);
      return {
        UploadUrl: link.uploadUrl,
        ResourceUrl: link.resourceUrl,
        ExpiredTimestamp: link.expiredTimestamp,
        RequestId: caller.requestId,
      };
    },
  });
}
