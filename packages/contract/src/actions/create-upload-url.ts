import { Type, type Static } from '@sinclair/typebox';

/** CreateUploadUrl (spec §7.1): a temporary PUT URL on this server and the ResourceUrl naming the object. */
export const CreateUploadUrlRequest = Type.Object({
  TargetAction: Type.String({ minLength: 1, maxLength: 64, description: 'The action the resource is for.' }),
});
export type CreateUploadUrlRequest = Static<typeof CreateUploadUrlRequest>;

export const CreateUploadUrlResponse = Type.Object({
  UploadUrl: Type.Optional(Type.String()),
  ResourceUrl: Type.Optional(Type.String()),
  /** "a 10-bit Unix timestamp" (seconds). */
  ExpiredTimestamp: Type.Optional(Type.Integer()),
  RequestId: Type.String(),
});
export type CreateUploadUrlResponse = Static<typeof CreateUploadUrlResponse>;
