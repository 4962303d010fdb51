import { ApiError } from '@open-ekyc/contract';
import type { MediaStore } from '../../blobs/media-store.js';
import type { MediaUrls } from '../../blobs/media-urls.js';

export interface UploadLink {
  readonly uploadUrl: string;
  readonly resourceUrl: string;
  /** Unix seconds: when the UploadUrl stops accepting the PUT (spec: "a 10-bit Unix timestamp"). */
  readonly expiredTimestamp: number;
}

/** spec example TargetActions: "ApplyWebVerificationToken", "ApplyReflectVerificationToken" — an action name. */
const TARGET_ACTION = /^[A-Z][A-Za-z0-9]{1,63}$/;

/**
 * CreateUploadUrl (spec §7.1): one new object id, a signed single-use PUT link (short expiry, size
 * limit) and the signed ResourceUrl that names the object for the *Url fields of later calls.
 */
export function createUploadLink(
  deps: {
    readonly store: MediaStore;
    readonly urls: MediaUrls;
    readonly uploadTtlSeconds: number;
    readonly retentionMs: number;
    readonly maxUploadBytes: number;
  },
  targetAction: string,
  now: Date,
): UploadLink {
  if (!TARGET_ACTION.test(targetAction)) {
    throw new ApiError(
      'InvalidParameterValue',
      'Parameter `TargetAction` must be the name of an API action.',
    );
  }
  const nowSeconds = Math.floor(now.getTime() / 1000);
  const id = deps.store.newId();
  const expiredTimestamp = nowSeconds + deps.uploadTtlSeconds;
  // The object lives for the media retention from its upload; the link to read it as long.
  const resourceExpires = expiredTimestamp + Math.floor(deps.retentionMs / 1000);
  return {
    uploadUrl: deps.urls.uploadUrl({ id, expiresAt: expiredTimestamp, maxBytes: deps.maxUploadBytes }),
    resourceUrl: deps.urls.resourceUrl(id, resourceExpires),
    expiredTimestamp,
  };
}
