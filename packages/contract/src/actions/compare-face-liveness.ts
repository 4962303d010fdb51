import { Type, type Static } from '@sinclair/typebox';

/**
 * CompareFaceLiveness (spec §7.1): a video (liveness) + a photo (comparison), both as Base64.
 * Size and format limits, and "ValidateData is required when LivenessType is ACTION", need catalog
 * codes, so the service checks them (pure-api-fields.ts holds the limits).
 */
export const CompareFaceLivenessRequest = Type.Object({
  ImageBase64: Type.String({ description: 'Base64 JPG/PNG photo for comparison, up to 3 MB of Base64.' }),
  VideoBase64: Type.String({ description: 'Base64 MP4/AVI/FLV video for liveness, up to 8 MB of Base64.' }),
  // spec: "ACTION is action mode. SILENT is silent mode. Choose one of the two modes to pass in."
  LivenessType: Type.Union([Type.Literal('ACTION'), Type.Literal('SILENT')], {
    description: 'ACTION or SILENT.',
  }),
  ValidateData: Type.Optional(
    Type.String({
      description: 'ACTION: one or two of 1 mouth, 2 blink, 3 nod, 4 shake ("4,2"). SILENT: blank.',
    }),
  ),
});
export type CompareFaceLivenessRequest = Static<typeof CompareFaceLivenessRequest>;

export const CompareFaceLivenessResponse = Type.Object({
  /** "Success", "FailedOperation.CompareLowSimilarity" or another pure-API FailedOperation.* code. */
  Result: Type.String(),
  Description: Type.String(),
  /** Float 0.00–100.00; meaningful for Success and CompareLowSimilarity, 0 otherwise (spec example 3). */
  Sim: Type.Number(),
  /** Always present, may be null. */
  BestFrameBase64: Type.Union([Type.String(), Type.Null()]),
  RequestId: Type.String(),
});
export type CompareFaceLivenessResponse = Static<typeof CompareFaceLivenessResponse>;
