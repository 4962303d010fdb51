import {
  ApiError,
  PURE_API_IMAGE_MAX_BASE64_CHARS,
  PURE_API_VIDEO_MAX_BASE64_CHARS,
  type Finding,
  type LivenessType,
} from '@open-ekyc/contract';
import type { AnalyzeVideoTaskOutput, LivenessMode, VideoChallenge } from '@open-ekyc/engine';
import type { Kysely } from 'kysely';
import type { MediaStore } from '../../blobs/media-store.js';
import type { MediaUrls } from '../../blobs/media-urls.js';
import type { EngineJobs } from '../../jobs/engine-jobs.js';
import type { Database } from '../../store/database.js';
import { livenessChallenge } from './liveness-request.js';
import { inputError, isJpegOrPng, looksLikeVideo, MediaInput, type MediaSource } from './media-input.js';
import { pureApiOutcome, type FailureDelivery, type PureApiOutcome } from './pure-api-outcome.js';
import { recordPureApiResult } from './pure-api-recorder.js';

/** Who is calling, as the action knows it (from CallerContext). */
export interface PureApiCall {
  readonly appId: string;
  readonly requestId: string;
  readonly action: string;
  readonly signal: AbortSignal;
}

export interface VideoCompareRequest {
  readonly video: MediaSource;
  readonly image: MediaSource;
  readonly livenessType: LivenessType;
  readonly validateData?: string | undefined;
  readonly delivery: FailureDelivery;
  /** Store the best frame in the media store and return its URL (VideoLivenessCompare, reflection). */
  readonly bestFrameAsUrl?: boolean;
}

export interface VideoCompareAnswer {
  readonly result: string;
  readonly description: string;
  readonly sim: number;
  readonly bestFrameJpeg: Buffer | null;
  /** When asked (`bestFrameAsUrl`): the stored best frame, valid for the media lifetime below. */
  readonly bestFrameFile: { readonly url: string; readonly md5: string; readonly size: number } | null;
}

export interface PureApiDeps {
  readonly db: Kysely<Database>;
  readonly jobs: EngineJobs;
  readonly store: MediaStore;
  readonly urls: MediaUrls;
  readonly fetchAllowHosts: readonly string[];
  readonly fetchTimeoutMs: number;
  /** Lifetime of best-frame links: spec DetectReflectLivenessAndCompare "valid for two hours". */
  readonly bestFrameTtlMs?: number;
  readonly now?: () => Date;
}

const IMAGE_LIMITS = {
  maxBase64Chars: PURE_API_IMAGE_MAX_BASE64_CHARS,
  tooLarge: 'image_too_large',
  empty: 'image_empty',
} as const;
const VIDEO_LIMITS = {
  maxBase64Chars: PURE_API_VIDEO_MAX_BASE64_CHARS,
  tooLarge: 'video_too_large',
  empty: 'video_empty',
} as const;
const TWO_HOURS_MS = 2 * 3600_000;

/**
 * The pure-API liveness + comparison service (issue "pure-API liveness and comparison actions"):
 * validate media → run the engine in the job layer → map the deciding finding through the catalog
 * → store the result and its billing row in one transaction → answer or throw per action.
 */
export class PureApiService {
  readonly media: MediaInput;
  private readonly now: () => Date;

  constructor(private readonly deps: PureApiDeps) {
    this.now = deps.now ?? (() => new Date());
    this.media = new MediaInput({
      store: deps.store,
      urls: deps.urls,
      fetchAllowHosts: deps.fetchAllowHosts,
      fetchTimeoutMs: deps.fetchTimeoutMs,
      nowSeconds: () => Math.floor(this.now().getTime() / 1000),
    });
  }

  /** Reads and checks both inputs (spec limits and formats) before anything is queued. */
  async readPair(
    call: PureApiCall,
    video: MediaSource,
    image: MediaSource,
  ): Promise<{ video: Buffer; image: Buffer }> {
    const at = this.now();
    // The photo is small and cheap to refuse: check it first.
    const imageBytes = await this.media.read(image, IMAGE_LIMITS, at, call.signal);
    if (!isJpegOrPng(imageBytes))
      throw inputError('image_decode_failed', at, `\`${image.field}\` must be a JPG or PNG image.`);
    const videoBytes = await this.media.read(video, VIDEO_LIMITS, at, call.signal);
    if (!looksLikeVideo(videoBytes)) throw inputError('video_decode_failed', at);
    return { video: videoBytes, image: imageBytes };
  }

  async compareVideo(call: PureApiCall, req: VideoCompareRequest): Promise<VideoCompareAnswer> {
    // Cheap request checks first (ValidateData), then the media, then the engine.
    const { mode, challenge } = livenessChallenge(req.livenessType, req.validateData);
    const { video, image } = await this.readPair(call, req.video, req.image);
    const analysis = await this.analyze(call, [{ mode, ...(challenge ? { challenge } : {}) }], video, image);
    return this.finish(call, analysis, req.delivery, req.bestFrameAsUrl ?? false, { mode });
  }

  /**
   * Runs one analysis per pass on the engine workers (reflection level 4 runs light + blink); the
   * first failing pass decides. Each pass gets its own copy of the video (worker transfer detaches it).
   */
  async analyze(
    call: PureApiCall,
    passes: readonly { mode: LivenessMode; challenge?: VideoChallenge }[],
    video: Buffer,
    image: Buffer,
  ): Promise<AnalyzeVideoTaskOutput | { engineFailure: Finding }> {
    let last: AnalyzeVideoTaskOutput | undefined;
    for (const pass of passes) {
      const result = await this.deps.jobs.run(
        'analyzeVideo',
        {
          video: new Uint8Array(video),
          mode: pass.mode,
          ...(pass.challenge ? { challenge: pass.challenge } : {}),
          referenceImage: new Uint8Array(image),
        },
        { signal: call.signal, key: call.appId },
      );
      if (!result.ok) return { engineFailure: result.finding };
      last = result.value;
      if (!last.passed) return last;
    }
    return last!;
  }

  /** Maps, records (result + ledger row, one transaction), then answers or throws. */
  async finish(
    call: PureApiCall,
    analysis: AnalyzeVideoTaskOutput | { engineFailure: Finding },
    delivery: FailureDelivery,
    bestFrameAsUrl: boolean,
    detail: Readonly<Record<string, unknown>>,
  ): Promise<VideoCompareAnswer> {
    const at = this.now();
    const failure = 'engineFailure' in analysis ? analysis.engineFailure : undefined;
    const deciding =
      failure ??
      ('engineFailure' in analysis ? undefined : analysis.passed ? undefined : analysis.decidingFinding);
    const engineOut = 'engineFailure' in analysis ? undefined : analysis;
    const unexplained = engineOut && !engineOut.passed && !deciding;
    const outcome: PureApiOutcome = pureApiOutcome(
      unexplained ? { kind: 'engine_error', detail: 'failed without a deciding finding' } : deciding,
      engineOut?.scores.similarity,
      delivery,
      at,
    );
    const jpeg = engineOut?.bestFrame ? Buffer.from(engineOut.bestFrame.jpeg) : null;
    // A caller that is gone (client closed, request time limit) gets no answer: record nothing, bill nothing.
    if (call.signal.aborted) throw call.signal.reason;
    let bestFrameFile: VideoCompareAnswer['bestFrameFile'] = null;
    let bestFrameMediaId: string | null = null;
    if (outcome.inBody && jpeg && bestFrameAsUrl) {
      const ttl = this.deps.bestFrameTtlMs ?? TWO_HOURS_MS;
      const stored = await this.deps.store.put(
        jpeg,
        { kind: 'best-frame', contentType: 'image/jpeg' },
        { ttlMs: ttl },
      );
      bestFrameMediaId = stored.id;
      const exp = Math.floor(Date.parse(stored.meta.expiresAt) / 1000);
      bestFrameFile = {
        url: this.deps.urls.resourceUrl(stored.id, exp),
        md5: stored.meta.md5,
        size: stored.meta.size,
      };
    }
    await recordPureApiResult(this.deps.db, {
      appId: call.appId,
      requestId: call.requestId,
      action: call.action,
      outcome,
      bestFrameMediaId,
      detail: {
        ...detail,
        finding: outcome.finding,
        findingDetail: deciding?.detail ?? null,
        scores: engineOut?.scores ?? {},
      },
      at,
    });
    if (!outcome.inBody)
      throw new ApiError(outcome.code as ConstructorParameters<typeof ApiError>[0], outcome.description);
    return {
      result: outcome.code,
      description: outcome.description,
      sim: outcome.sim,
      bestFrameJpeg: jpeg,
      bestFrameFile,
    };
  }
}
