import {
  ApiError,
  PURE_API_IMAGE_MAX_BASE64_CHARS,
  PURE_API_VIDEO_MAX_BASE64_CHARS,
} from '@open-ekyc/contract';
import type { LivenessMode, VideoChallenge } from '@open-ekyc/engine';
import type { MediaStore } from '../../blobs/media-store.js';
import type { MediaUrls } from '../../blobs/media-urls.js';
import { isJpegOrPng, inputError, looksLikeVideo, type MediaSource } from './media-input.js';
import type { PureApiCall, PureApiService, VideoCompareAnswer } from './pure-api-service.js';

/**
 * The reflection (light) flow of the pure API (spec §7.1 GenerateReflectSequence +
 * DetectReflectLivenessAndCompare). The vendor's packages are opaque SDK formats; ours are:
 * - DeviceData: any bytes the capture side sends (stored, MD5-checked; the server chooses the
 *   sequence itself, so the content does not steer the challenge).
 * - LiveData: JSON `{"ReflectSequenceUrl": "<the URL GenerateReflectSequence returned>",
 *   "Video": "<Base64 MP4/WebM recorded while the colours played>", "StartSeconds": <when the
 *   first colour appeared, optional>}`.
 * A sequence is bound to the app that asked for it and used once.
 */

export type SecurityLevel = '1' | '2' | '3' | '4';

export interface ReflectDeps {
  readonly service: PureApiService;
  readonly store: MediaStore;
  readonly urls: MediaUrls;
  /** Lifetime of a light sequence (the SDK starts right after asking; the spec's COS links last 2 hours). */
  readonly sequenceTtlMs: number;
  readonly now: () => Date;
}

/** SecurityLevel → engine passes: "1 silent, 2 blinking, 3 light, 4 blinking + light (default)". */
export function reflectPasses(level: SecurityLevel, sequence: string, startSeconds: number | undefined) {
  const light: { mode: LivenessMode; challenge: VideoChallenge } = {
    mode: 'reflection',
    challenge: { sequence, ...(startSeconds === undefined ? {} : { startSeconds }) },
  };
  const blink: { mode: LivenessMode; challenge: VideoChallenge } = {
    mode: 'action',
    challenge: { actions: '2' },
  };
  if (level === '1') return [{ mode: 'silent' as LivenessMode }];
  if (level === '2') return [blink];
  if (level === '3') return [light];
  return [light, blink];
}

const PACKAGE_LIMITS = {
  maxBase64Chars: Math.ceil(PURE_API_VIDEO_MAX_BASE64_CHARS * 1.05),
  tooLarge: 'video_too_large',
  empty: null,
} as const;

export class ReflectService {
  constructor(private readonly deps: ReflectDeps) {}

  async generateSequence(
    call: PureApiCall,
    deviceData: MediaSource,
    level: SecurityLevel,
  ): Promise<{ url: string; md5: string }> {
    const at = this.deps.now();
    await this.deps.service.media.read(deviceData, { ...PACKAGE_LIMITS, tooLarge: null }, at, call.signal);
    const { generateReflectSequence, serializeReflectSequence } = await import('@open-ekyc/engine');
    const text = serializeReflectSequence(generateReflectSequence());
    const stored = await this.deps.store.put(
      Buffer.from(text),
      {
        kind: 'reflect-sequence',
        contentType: 'text/plain',
        attributes: { appId: call.appId, securityLevel: level },
      },
      { ttlMs: this.deps.sequenceTtlMs },
    );
    const exp = Math.floor(Date.parse(stored.meta.expiresAt) / 1000);
    return { url: this.deps.urls.resourceUrl(stored.id, exp), md5: stored.meta.md5 };
  }

  async detectAndCompare(
    call: PureApiCall,
    liveData: MediaSource,
    image: MediaSource,
  ): Promise<VideoCompareAnswer> {
    const at = this.deps.now();
    const media = this.deps.service.media;
    const pkg = parseLiveData(await media.read(liveData, PACKAGE_LIMITS, at, call.signal));
    const seqId = this.deps.urls.ownResourceId(pkg.sequenceUrl, Math.floor(at.getTime() / 1000));
    const seq = seqId === null ? null : await this.deps.store.get(seqId);
    if (!seq || seq.meta.kind !== 'reflect-sequence' || seq.meta.attributes?.appId !== call.appId) {
      throw new ApiError(
        'InvalidParameterValue',
        'The LiveData package does not name a light sequence GenerateReflectSequence issued to this app (or it was used or expired).',
      );
    }
    const imageBytes = await media.read(
      image,
      { maxBase64Chars: PURE_API_IMAGE_MAX_BASE64_CHARS, tooLarge: 'image_too_large', empty: 'image_empty' },
      at,
      call.signal,
    );
    if (!isJpegOrPng(imageBytes))
      throw inputError('image_decode_failed', at, '`ImageUrl` must be a JPG or PNG image.');
    const video = media.decodeBase64(
      'LiveData.Video',
      pkg.video,
      { maxBase64Chars: PURE_API_VIDEO_MAX_BASE64_CHARS, tooLarge: 'video_too_large', empty: 'video_empty' },
      at,
    );
    if (!looksLikeVideo(video)) throw inputError('video_decode_failed', at);
    const level = (seq.meta.attributes?.securityLevel ?? '4') as SecurityLevel;
    const passes = reflectPasses(level, seq.bytes.toString('utf8'), pkg.startSeconds);
    const analysis = await this.deps.service.analyze(call, passes, video, imageBytes);
    try {
      return await this.deps.service.finish(call, analysis, 'error', true, {
        mode: 'reflection',
        securityLevel: level,
      });
    } finally {
      // Single use: a recording cannot be replayed against the same sequence.
      await this.deps.store.delete(seqId!);
    }
  }
}

function parseLiveData(bytes: Buffer): {
  sequenceUrl: string;
  video: string;
  startSeconds: number | undefined;
} {
  const bad = () =>
    new ApiError(
      'InvalidParameterValue',
      'The LiveData package must be JSON {"ReflectSequenceUrl": string, "Video": Base64 string, "StartSeconds"?: number}.',
    );
  let v: unknown;
  try {
    v = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof v !== 'object' || v === null) throw bad();
  const r = v as Record<string, unknown>;
  if (typeof r.ReflectSequenceUrl !== 'string' || typeof r.Video !== 'string') throw bad();
  const start = r.StartSeconds;
  if (
    start !== undefined &&
    (typeof start !== 'number' || !Number.isFinite(start) || start < 0 || start > 30)
  )
    throw bad();
  return { sequenceUrl: r.ReflectSequenceUrl, video: r.Video, startSeconds: start as number | undefined };
}
