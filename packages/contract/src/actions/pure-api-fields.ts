/**
 * Limits and field shapes shared by the pure-API liveness + comparison actions (spec §7.1
 * CompareFaceLiveness, VideoLivenessCompare, LivenessCompare, DetectReflectLivenessAndCompare).
 * The spec states limits on the Base64 text ("The size of the Base64-encoded image data can be up
 * to 3 MB"), so they are counted in Base64 characters; for URLs, on the downloaded bytes once
 * Base64-encoded, i.e. raw bytes × 4/3.
 */

/** spec: "The size of the Base64-encoded image data can be up to 3 MB. JPG and PNG formats are supported." */
export const PURE_API_IMAGE_MAX_BASE64_CHARS = 3 * 1024 * 1024;
/** spec: "The size of the Base64-encoded video data can be up to 8 MB. MP4, AVI, and FLV formats are supported." */
export const PURE_API_VIDEO_MAX_BASE64_CHARS = 8 * 1024 * 1024;

/** Raw bytes whose Base64 encoding has at most `chars` characters. */
export const rawBytesFor = (chars: number): number => Math.floor(chars / 4) * 3;

/** spec: LivenessType values, "Select one of them". */
export const LIVENESS_TYPES = ['SILENT', 'ACTION', 'LIP'] as const;
export type LivenessType = (typeof LIVENESS_TYPES)[number];

/** ValidateData for ACTION: "1 (open mouth), 2 (blink), 3 (nod), 4 (shake head). Supports one or two actions." */
export const ACTION_VALIDATE_DATA_PATTERN = /^[1-4](,[1-4])?$/;
/** ValidateData for LIP: "a custom 4-digit verification code". */
export const LIP_VALIDATE_DATA_PATTERN = /^\d{4}$/;
