import {
  ApiError,
  ApplyCardVerificationRequest,
  ApplyCardVerificationResponse,
  CARD_VERIFICATION_IMAGE_MAX_BASE64_CHARS,
} from '@open-ekyc/contract';
import type { CardVerificationService } from '../services/documents/card-verification-service.js';
import {
  acceptedCardKeys,
  LEGACY_CARD_TYPES,
  LEGACY_NATIONALITIES,
} from '../services/documents/legacy-card-types.js';
import { isJpegOrPng } from '../services/verification/media-input.js';
import type { VerificationServices } from '../services/verification/verification-services.js';
import { defineAction, type CallerContext } from './action.js';

/**
 * Polling advice (spec: AsyncCardVerificationMaxPollingTimes / PollingWaitTime): a read takes 1–3 s
 * on an idle engine; 60 polls 2 s apart outlast a queued job and its 45 s time limit.
 */
const MAX_POLLING_TIMES = 60;
const POLLING_WAIT_SECONDS = 2;

/**
 * ApplyCardVerification (spec §7.2, legacy): a card photo by Base64 or URL (URL first when both, as
 * the spec says; URLs as for the pure API: our ResourceUrls or operator-allowed hosts), read in the
 * background; the token is polled with GetCardVerificationResult. The back photo is kept, not read.
 */
export function createApplyCardVerification(deps: {
  cards: Pick<CardVerificationService, 'apply'>;
  verification: Pick<VerificationServices, 'pureApi'>;
}) {
  return defineAction({
    name: 'ApplyCardVerification',
    request: ApplyCardVerificationRequest,
    response: ApplyCardVerificationResponse,
    async handle(caller, input) {
      if (!(LEGACY_NATIONALITIES as readonly string[]).includes(input.Nationality))
        throw new ApiError(
          'InvalidParameterValue',
          `Nationality must be one of ${LEGACY_NATIONALITIES.join(', ')}.`,
        );
      if (!(LEGACY_CARD_TYPES as readonly string[]).includes(input.CardType))
        throw new ApiError(
          'InvalidParameterValue',
          `CardType must be one of ${LEGACY_CARD_TYPES.join(', ')}.`,
        );
      acceptedCardKeys(input.Nationality, input.CardType); // refuses combinations outside the spec's table
      const front = await readImage(deps, caller, 'Front', input.ImageUrlFront, input.ImageBase64Front);
      if (!front) {
        throw new ApiError(
          'MissingParameter',
          'The request is missing `ImageBase64Front` or `ImageUrlFront`.',
        );
      }
      const back = await readImage(deps, caller, 'Back', input.ImageUrlBack, input.ImageBase64Back);
      const token = await deps.cards.apply({
        appId: caller.appId,
        nationality: input.Nationality,
        cardType: input.CardType,
        front,
        back,
        at: caller.receivedAt,
      });
      return {
        CardVerificationToken: token,
        AsyncCardVerificationMaxPollingTimes: MAX_POLLING_TIMES,
        AsyncCardVerificationPollingWaitTime: POLLING_WAIT_SECONDS,
        RequestId: caller.requestId,
      };
    },
  });
}

/** One side's photo, or null when neither field was given. Errors with the action's own codes (spec §5.4). */
async function readImage(
  deps: { verification: Pick<VerificationServices, 'pureApi'> },
  caller: CallerContext,
  side: 'Front' | 'Back',
  url: string | undefined,
  base64: string | undefined,
): Promise<Buffer | null> {
  const field = url ? `ImageUrl${side}` : `ImageBase64${side}`;
  if (!url && !base64) return null;
  if (!url && (base64 ?? '').length > CARD_VERIFICATION_IMAGE_MAX_BASE64_CHARS)
    throw new ApiError('FailedOperation.ImageSizeTooLarge');
  let bytes: Buffer;
  try {
    bytes = await deps.verification.pureApi.media.read(
      url ? { field, url } : { field, base64 },
      { maxBase64Chars: CARD_VERIFICATION_IMAGE_MAX_BASE64_CHARS, tooLarge: null, empty: null },
      caller.receivedAt,
      caller.signal,
    );
  } catch (err) {
    if (
      err instanceof ApiError &&
      (err.code === 'FailedOperation.DownLoadError' || err.code === 'FailedOperation.DownLoadTimeoutError')
    )
      throw new ApiError('ResourceUnavailable.ImageDownloadError', err.message);
    throw err;
  }
  if (!isJpegOrPng(bytes))
    throw new ApiError(
      'InvalidParameter.EngineImageDecodeFailed',
      `\`${field}\` must be a PNG or JPEG image.`,
    );
  return bytes;
}
