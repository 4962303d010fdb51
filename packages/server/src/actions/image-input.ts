import { ApiError } from '@open-ekyc/contract';

// Standard alphabet with optional padding; line breaks (MIME-style encoders) are tolerated and removed.
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes a Base64 image field of a request. Size is checked on the Base64 text, as the spec
 * states limits ("max 8 MB in size" of the Base64 string) → FailedOperation.ImageSizeTooLarge.
 * Malformed Base64, or a kept `data:` URI header (the spec says to remove it) → InvalidParameter.
 * Whether the bytes are a decodable image is the engine's finding, reported with the result.
 */
export function decodeBase64Image(field: string, value: string, maxBase64Chars: number): Buffer {
  const text = value.includes('\n') || value.includes('\r') ? value.replace(/[\r\n]/g, '') : value;
  if (text.length > maxBase64Chars) throw new ApiError('FailedOperation.ImageSizeTooLarge');
  if (text.length === 0) throw new ApiError('InvalidParameter', `Parameter \`${field}\` is empty.`);
  if (text.length % 4 === 1 || !BASE64.test(text)) {
    throw new ApiError(
      'InvalidParameter',
      `Parameter \`${field}\` is not valid Base64 (remove any data URI header).`,
    );
  }
  return Buffer.from(text, 'base64');
}
