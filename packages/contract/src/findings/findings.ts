/**
 * The engine's vocabulary: what it can find in an image or video. The engine reports findings;
 * the code mapping (`codes/`) turns the deciding finding into each product's result code.
 * Keep this list closed: a new finding needs a row in the mapping for every product.
 */
export const FINDING_KINDS = [
  // input
  'image_decode_failed',
  'image_too_large',
  'image_too_small',
  'image_empty',
  'video_decode_failed',
  'video_empty',
  'video_too_short',
  'video_too_long',
  'video_too_large',
  'video_low_resolution',
  // face presence and framing
  'no_face',
  'multiple_faces',
  'face_incomplete',
  'face_too_close',
  'face_too_far',
  'face_too_left',
  'face_too_right',
  'face_changed', // the tracked face was swapped or lost mid-video
  // quality
  'too_dark',
  'too_bright',
  'blurry',
  'low_resolution',
  'face_occluded',
  'face_mask',
  // action liveness
  'action_first_missing',
  'action_blink_missing',
  'action_mouth_missing',
  'action_turn_missing',
  'action_nod_missing',
  'action_order_wrong',
  // reflection liveness
  'reflection_mismatch',
  // passive / silent liveness
  'spoof_suspected',
  'liveness_below_threshold',
  // lip / digits liveness
  'lip_no_audio',
  'lip_audio_low',
  'lip_move_small',
  'lip_speech_mismatch',
  // comparison
  'similarity_low',
  'reference_no_face',
  'reference_multiple_faces',
  'reference_low_quality',
  // system
  'engine_error',
  'engine_timeout',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing the engine found, with evidence. Findings are data, never exceptions. */
export interface Finding {
  readonly kind: FindingKind;
  /** Seconds from the start of the video, when it applies. */
  readonly atSeconds?: number;
  /** The measured value behind the finding (brightness, similarity, correlation...), when there is one. */
  readonly score?: number;
  /** Short English explanation for logs and the console; never shown as a vendor message. */
  readonly detail?: string;
}

export function isFindingKind(value: string): value is FindingKind {
  return (FINDING_KINDS as readonly string[]).includes(value);
}
