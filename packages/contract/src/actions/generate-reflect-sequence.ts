import { Type, type Static } from '@sinclair/typebox';

/**
 * GenerateReflectSequence (spec §7.1): the SDK's device data package (by URL + MD5) → a light
 * sequence stored on this server (URL + MD5) to pass to the capture side.
 */
export const GenerateReflectSequenceRequest = Type.Object({
  DeviceDataUrl: Type.String({ description: 'Resource URL of the device data package.' }),
  DeviceDataMd5: Type.String({ description: 'MD5 of the device data package.' }),
  SecurityLevel: Type.Optional(
    Type.Union([Type.Literal('1'), Type.Literal('2'), Type.Literal('3'), Type.Literal('4')], {
      description: '1 silent, 2 blinking, 3 light, 4 blinking + light (default).',
      default: '4',
    }),
  ),
});
export type GenerateReflectSequenceRequest = Static<typeof GenerateReflectSequenceRequest>;

export const GenerateReflectSequenceResponse = Type.Object({
  ReflectSequenceUrl: Type.Optional(Type.String()),
  ReflectSequenceMd5: Type.Optional(Type.String()),
  RequestId: Type.String(),
});
export type GenerateReflectSequenceResponse = Static<typeof GenerateReflectSequenceResponse>;
