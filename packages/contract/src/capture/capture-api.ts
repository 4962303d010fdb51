import { Type, type Static } from '@sinclair/typebox';

/**
 * The capture API: what the verification page and the web SDK call with the session token
 * (BizToken / SdkToken) from the VerificationURL as the only credential (not merchant-signed).
 * The server validates requests with these schemas; the browser side imports the types only.
 *
 *   GET  {CAPTURE_API_PREFIX}/sessions/:token                        → CaptureSession
 *   POST {CAPTURE_API_PREFIX}/sessions/:token/attempts                (StartAttemptRequest) → StartAttemptResponse
 *   POST {CAPTURE_API_PREFIX}/sessions/:token/attempts/:attemptId/video
 *        body = video bytes (Content-Type video/webm | video/mp4), headers X-Upload-Nonce,
 *        X-Capture-Timeline (base64url of CaptureTimeline JSON)       → 202 UploadAccepted
 *   GET  {CAPTURE_API_PREFIX}/sessions/:token/attempts/:attemptId    → AttemptResult (poll)
 *   POST {CAPTURE_API_PREFIX}/sessions/:token/exit                   (ExitRequest) → ExitResponse
 * Document step (CaptureSession.document present: CheckMode 1 and 4, eKYC SDK CheckMode 1), before any attempt:
 *   POST {CAPTURE_API_PREFIX}/sessions/:token/documents
 *        body = image bytes (Content-Type image/jpeg | image/png), header X-Document-Side: front|back
 *                                                                   → 200 DocumentRead (the OCR runs synchronously, ~1–2 s)
 *   POST {CAPTURE_API_PREFIX}/sessions/:token/documents/confirm      (DocumentConfirmRequest) → DocumentConfirmed
 * Any error: HTTP 4xx/5xx with CaptureError `{ code, message }` (catalog code, e.g. "15").
 */
export const CAPTURE_API_PREFIX = '/capture/v1';
export const UPLOAD_NONCE_HEADER = 'x-upload-nonce';
export const CAPTURE_TIMELINE_HEADER = 'x-capture-timeline';
/** The encoded timeline header stays under this many bytes (Node's default header limit is 16 KiB). */
export const CAPTURE_TIMELINE_MAX_HEADER_BYTES = 12_000;
export const CAPTURE_VIDEO_TYPES = ['video/webm', 'video/mp4'] as const;

export const CaptureErrorSchema = Type.Object(
  { code: Type.String({ minLength: 1 }), message: Type.String() },
  { $id: 'CaptureError' },
);
export type CaptureError = Static<typeof CaptureErrorSchema>;

export const CaptureSessionStateSchema = Type.Union([
  Type.Literal('created'),
  Type.Literal('in_progress'),
  Type.Literal('processing'),
  Type.Literal('finished'),
  Type.Literal('expired'),
  Type.Literal('exited'),
]);

/** Which vendor product issued the token: ApplyWebVerificationBizTokenIntl (web) or an SDK token. */
export const CaptureSessionKindSchema = Type.Union([
  Type.Literal('web'),
  Type.Literal('selfie-sdk'),
  Type.Literal('ekyc-sdk'),
]);

export const CaptureSessionSchema = Type.Object(
  {
    state: CaptureSessionStateSchema,
    kind: CaptureSessionKindSchema,
    /** WebVerificationConfigIntl.Language (en, zh-cn, zh-tc, th, id, ms, ja, ko; the page falls back to en). */
    language: Type.String(),
    /** WebVerificationConfigIntl.ThemeColor as given; the page validates it and falls back to #2d72f1. */
    themeColor: Type.String(),
    /** 1 silent, 2 action, 3 light (reflection), 4 action + light. */
    securityLevel: Type.Integer({ minimum: 1, maximum: 4 }),
    skipPrivacyPolicy: Type.Boolean(),
    autoSkipStartPage: Type.Boolean(),
    autoSkip: Type.Boolean(),
    livenessTimeoutSeconds: Type.Integer({ minimum: 0, maximum: 600 }),
    retriesLeft: Type.Integer({ minimum: 0 }),
    /** RedirectURL?token={BizToken}, composed by the server; absent when the merchant gave none. */
    redirectUrl: Type.Optional(Type.String()),
    /** The identity-document step; absent when the flow has none (CheckMode 2 and 3). */
    document: Type.Optional(
      Type.Object({
        /** spec §8 CardInfo key of the expected document (e.g. HKIDCard, InternationalIDPassport). */
        cardType: Type.String(),
        /** Sides to photograph, in order; the front is read, a back is kept as evidence. */
        sides: Type.Array(Type.Union([Type.Literal('front'), Type.Literal('back')]), {
          minItems: 1,
          maxItems: 2,
        }),
        /** The user may correct the OCR fields before confirming (SDK DisableChangeOcrResult false; web: always). */
        allowEdit: Type.Boolean(),
        /** Fields to show (ApplySdkVerificationToken.CardOcrDisplayFields mapped to struct names); empty = all. */
        displayFields: Type.Array(Type.String()),
        /** A read was confirmed: the page goes on to `next`. */
        confirmed: Type.Boolean(),
        /** After the document: liveness (CheckMode 1) or the end (CheckMode 4). */
        next: Type.Union([Type.Literal('liveness'), Type.Literal('finish')]),
        /** Photos the user may still submit for reading (each side counts). */
        readsLeft: Type.Integer({ minimum: 0 }),
      }),
    ),
  },
  { $id: 'CaptureSession' },
);
export type CaptureSession = Static<typeof CaptureSessionSchema>;

export const CaptureActionSchema = Type.Union([
  Type.Literal('blink'),
  Type.Literal('mouth'),
  Type.Literal('nod'),
  Type.Literal('shake'),
]);
export type CaptureAction = Static<typeof CaptureActionSchema>;

/** At most three colour changes per second (WCAG 2.3.1 "three flashes"): every colour stays ≥ 334 ms. */
export const REFLECTION_MIN_COLOR_MS = 334;

export const ReflectionColorSchema = Type.Object({
  rgb: Type.Tuple([
    Type.Integer({ minimum: 0, maximum: 255 }),
    Type.Integer({ minimum: 0, maximum: 255 }),
    Type.Integer({ minimum: 0, maximum: 255 }),
  ]),
  durationMs: Type.Integer({ minimum: REFLECTION_MIN_COLOR_MS, maximum: 5000 }),
});
export type ReflectionColor = Static<typeof ReflectionColorSchema>;

const actions = Type.Array(CaptureActionSchema, { minItems: 1, maxItems: 4 });
const stepTimeoutMs = Type.Integer({ minimum: 1000, maximum: 60_000 });
const colors = Type.Array(ReflectionColorSchema, { minItems: 1, maxItems: 16 });

/** Issued fresh by the server at attempt start, so a prepared recording cannot answer it. */
export const CaptureChallengeSchema = Type.Union([
  Type.Object({ mode: Type.Literal('silent') }),
  Type.Object({ mode: Type.Literal('action'), actions, stepTimeoutMs }),
  Type.Object({ mode: Type.Literal('reflection'), colors }),
  Type.Object({ mode: Type.Literal('action+reflection'), actions, stepTimeoutMs, colors }),
]);
export type CaptureChallenge = Static<typeof CaptureChallengeSchema>;

/** `camera`: live capture with getUserMedia + MediaRecorder; `file`: recording-mode fallback (native camera app). */
export const CaptureSourceSchema = Type.Union([Type.Literal('camera'), Type.Literal('file')]);
export type CaptureSource = Static<typeof CaptureSourceSchema>;

/** Body of POST .../attempts. For source `file` the server should not issue a reflection challenge. */
export const StartAttemptRequestSchema = Type.Object(
  { source: Type.Optional(CaptureSourceSchema) },
  { $id: 'StartAttemptRequest' },
);
export type StartAttemptRequest = Static<typeof StartAttemptRequestSchema>;

export const StartAttemptResponseSchema = Type.Object(
  {
    attemptId: Type.String({ minLength: 1 }),
    uploadNonce: Type.String({ minLength: 1 }),
    challenge: CaptureChallengeSchema,
  },
  { $id: 'StartAttemptResponse' },
);
export type StartAttemptResponse = Static<typeof StartAttemptResponseSchema>;

/**
 * One timeline event. `t` = ms since recording start (MediaRecorder `start` event), `value` by type:
 * color: `#rrggbb` when that colour was painted, `off` when the flashes ended;
 * prompt: the action prompted (blink|mouth|nod|shake), `done:<action>` when the browser saw it, or `hold`;
 * face: the guidance status when it changed (ok, no_face, multiple_faces, too_far, too_close, off_centre, too_dark, too_bright);
 * error: a client failure code (e.g. FACE_MISSING).
 */
export const TimelineEventSchema = Type.Object({
  t: Type.Number({ minimum: 0 }),
  type: Type.Union([
    Type.Literal('color'),
    Type.Literal('prompt'),
    Type.Literal('face'),
    Type.Literal('error'),
  ]),
  value: Type.String({ maxLength: 64 }),
});
export type TimelineEvent = Static<typeof TimelineEventSchema>;

export const CaptureTimelineSchema = Type.Object(
  {
    /** Epoch ms of recording start (client clock). */
    startedAt: Type.Number(),
    source: CaptureSourceSchema,
    events: Type.Array(TimelineEventSchema, { maxItems: 400 }),
    client: Type.Object({
      userAgent: Type.String({ maxLength: 512 }),
      width: Type.Integer({ minimum: 0 }),
      height: Type.Integer({ minimum: 0 }),
      /** Frame rate the camera reported; 0 when unknown (recording mode). */
      fps: Type.Number({ minimum: 0 }),
    }),
  },
  { $id: 'CaptureTimeline' },
);
export type CaptureTimeline = Static<typeof CaptureTimelineSchema>;

export const UploadAcceptedSchema = Type.Object(
  { status: Type.Literal('processing') },
  { $id: 'UploadAccepted' },
);
export type UploadAccepted = Static<typeof UploadAcceptedSchema>;

export const AttemptResultSchema = Type.Object(
  {
    status: Type.Union([Type.Literal('processing'), Type.Literal('passed'), Type.Literal('failed')]),
    /** Catalog result code ("0" on success, e.g. "1005" on failure; "" while processing). */
    code: Type.String(),
    message: Type.String(),
    retriesLeft: Type.Integer({ minimum: 0 }),
    /** Where to send the user now (RedirectURL?token=...), when the session is finished. */
    redirectTo: Type.Optional(Type.String()),
  },
  { $id: 'AttemptResult' },
);
export type AttemptResult = Static<typeof AttemptResultSchema>;

/** Body of POST .../exit: why the user gave up (a client failure code such as USER_GIVE_UP). */
export const ExitRequestSchema = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 64 })) },
  { $id: 'ExitRequest' },
);
export type ExitRequest = Static<typeof ExitRequestSchema>;

/** The session is finished with code 1410 (user gave up). */
export const ExitResponseSchema = Type.Object(
  { code: Type.String(), message: Type.String(), redirectTo: Type.Optional(Type.String()) },
  { $id: 'ExitResponse' },
);
export type ExitResponse = Static<typeof ExitResponseSchema>;

export const DOCUMENT_SIDE_HEADER = 'x-document-side';
export const DOCUMENT_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export const DocumentSideSchema = Type.Union([Type.Literal('front'), Type.Literal('back')]);
export type DocumentSide = Static<typeof DocumentSideSchema>;

/**
 * Why a document read did not pass (`DocumentRead.code`). Ours (the vendor page's document codes are
 * not published; its iOS SDK says HY_VERIFI_OCR_FAIL "-2 Document recognition failed").
 */
export const DOCUMENT_READ_CODES = {
  PASSED: '0',
  /** Not the expected document, or required fields unreadable / failing their checks. */
  OCR_FAILED: 'OCR_FAILED',
  /** A selected warning fired (DisableCheckOcrWarnings false): `warnings` says which. */
  OCR_WARNING: 'OCR_WARNING',
  /** The document's expiry date has passed (AllowExpiredDocument false). */
  DOCUMENT_EXPIRED: 'DOCUMENT_EXPIRED',
  /** CheckMode 1 compares the live face with the document's portrait: none was found. */
  NO_PORTRAIT: 'NO_PORTRAIT',
  /** The image could not be decoded or is too small/large. */
  IMAGE_INVALID: 'IMAGE_INVALID',
} as const;

export const DocumentReadSchema = Type.Object(
  {
    readId: Type.String({ minLength: 1 }),
    side: DocumentSideSchema,
    status: Type.Union([Type.Literal('passed'), Type.Literal('failed')]),
    /** DOCUMENT_READ_CODES value. */
    code: Type.String(),
    message: Type.String(),
    /** Warning codes found (-9101 …), blocking or not. */
    warnings: Type.Array(Type.Integer()),
    /** The front's fields in the spec §8 struct of `cardType` (null = not read); {} for a back. */
    fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Null()])),
    /** Fields that failed a check (check digit, date, code table): the page highlights them. */
    invalidFields: Type.Array(Type.String()),
    readsLeft: Type.Integer({ minimum: 0 }),
  },
  { $id: 'DocumentRead' },
);
export type DocumentRead = Static<typeof DocumentReadSchema>;

/** Confirms a passed front read, with the user's corrections when allowed (only fields of the struct). */
export const DocumentConfirmRequestSchema = Type.Object(
  {
    readId: Type.String({ minLength: 1, maxLength: 64 }),
    fields: Type.Optional(Type.Record(Type.String({ maxLength: 64 }), Type.String({ maxLength: 256 }))),
  },
  { $id: 'DocumentConfirmRequest' },
);
export type DocumentConfirmRequest = Static<typeof DocumentConfirmRequestSchema>;

export const DocumentConfirmedSchema = Type.Object(
  {
    /** liveness: start attempts now; finished: the session ended (CheckMode 4) with `code`. */
    next: Type.Union([Type.Literal('liveness'), Type.Literal('finished')]),
    code: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    redirectTo: Type.Optional(Type.String()),
  },
  { $id: 'DocumentConfirmed' },
);
export type DocumentConfirmed = Static<typeof DocumentConfirmedSchema>;
