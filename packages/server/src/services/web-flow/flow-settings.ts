import type { CaptureSession, FindingProduct } from '@open-ekyc/contract';
import type { SessionRecord } from '../sessions/sessions-service.js';
import type { LivenessAction } from '../sessions/challenge.js';
import { documentSettings, type DocumentSettings } from '../documents/document-settings.js';

/** What the capture API needs to know about a session, whichever action issued its token. */
export interface FlowSettings {
  /** Catalog product the result codes come from (liveness-sdk bills and reports as selfie-sdk). */
  readonly product: FindingProduct;
  readonly captureKind: CaptureSession['kind'];
  readonly securityLevel: 1 | 2 | 3 | 4;
  /** Merchant's ActionList, in order; empty = the server picks at random per attempt. */
  readonly actions: readonly LivenessAction[];
  /** WebVerificationConfigIntl.AutoDowngrade: 1 downgrade to silent, 2 refuse. */
  readonly autoDowngrade: 1 | 2;
  readonly retryLimit: number;
  /** Seconds an attempt may take from start to upload; 0 = no limit (SDK flows: the token window). */
  readonly timeoutSeconds: number;
  readonly language: string;
  readonly themeColor: string;
  readonly skipPrivacyPolicy: boolean;
  readonly autoSkipStartPage: boolean;
  readonly autoSkip: boolean;
  /** The identity-document step (CheckMode 1 and 4); null when the flow has none. */
  readonly document: DocumentSettings | null;
}

/** The web session config as stored by ApplyWebVerificationBizTokenIntl / ApplyWebVerificationToken. */
export interface WebSessionConfig {
  /** 1 OCR + liveness + compare, 2 liveness + compare, 3 liveness, 4 OCR (1 and 4 add the DocumentSessionConfig keys). */
  readonly CheckMode: 1 | 2 | 3 | 4;
  readonly SecurityLevel: 1 | 2 | 3 | 4;
  readonly ActionList: readonly LivenessAction[];
  readonly AutoDowngrade: 1 | 2;
  readonly LivenessRetryLimit: number;
  readonly LivenessTimeout: number;
  readonly Language: string;
  readonly ThemeColor: string;
  readonly SkipPrivacyPolicy: boolean;
  readonly AutoSkipStartPage: boolean;
  readonly AutoSkip: boolean;
}

/** spec §8 WebVerificationConfigIntl defaults. */
export const WEB_DEFAULTS = {
  CheckMode: 2,
  SecurityLevel: 3,
  AutoDowngrade: 1,
  LivenessRetryLimit: 99,
  LivenessTimeout: 45,
  Language: 'en',
  ThemeColor: '#2d72f1',
} as const;

const str = (v: unknown, d: string): string => (typeof v === 'string' ? v : d);
const num = (v: unknown, d: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : d);
const bool = (v: unknown): boolean => v === true;
const level = (v: unknown, d: 1 | 2 | 3 | 4): 1 | 2 | 3 | 4 => {
  const n = Number(v);
  return n === 1 || n === 2 || n === 3 || n === 4 ? n : d;
};
const actions = (v: unknown): LivenessAction[] =>
  Array.isArray(v)
    ? v.filter((a): a is LivenessAction => ['blink', 'mouth', 'nod', 'shake'].includes(a as string))
    : [];

/** Settings of a session from its stored config (defaults per kind: spec §7 of the issuing action). */
export function flowSettings(session: SessionRecord): FlowSettings {
  const c = session.config;
  if (session.kind === 'web') {
    return {
      product: 'web',
      captureKind: 'web',
      securityLevel: level(c.SecurityLevel, WEB_DEFAULTS.SecurityLevel),
      actions: actions(c.ActionList),
      autoDowngrade: c.AutoDowngrade === 2 ? 2 : 1,
      retryLimit: num(c.LivenessRetryLimit, WEB_DEFAULTS.LivenessRetryLimit),
      timeoutSeconds: num(c.LivenessTimeout, WEB_DEFAULTS.LivenessTimeout),
      language: str(c.Language, WEB_DEFAULTS.Language),
      themeColor: str(c.ThemeColor, WEB_DEFAULTS.ThemeColor),
      skipPrivacyPolicy: bool(c.SkipPrivacyPolicy),
      autoSkipStartPage: bool(c.AutoSkipStartPage),
      autoSkip: bool(c.AutoSkip),
      document: documentSettings(c),
    };
  }
  // SDK tokens (GetFaceIdTokenIntl: SecureLevel default "4", RetryLimit default 5; ApplyLivenessToken:
  // SecureLevel default "4", its action is "blinking"). The SDK UI has no page options.
  return {
    product: session.kind === 'ekyc-sdk' ? 'ekyc-sdk' : 'selfie-sdk',
    captureKind: session.kind === 'ekyc-sdk' ? 'ekyc-sdk' : 'selfie-sdk',
    securityLevel: level(c.SecureLevel, 4),
    actions: session.kind === 'liveness-sdk' ? ['blink'] : actions(c.ActionList),
    // The SDKs have no AutoDowngrade option; recording mode falls back to silent like the web default.
    autoDowngrade: 1,
    retryLimit: num(c.RetryLimit, 5),
    timeoutSeconds: 0,
    language: 'en',
    themeColor: WEB_DEFAULTS.ThemeColor,
    skipPrivacyPolicy: true,
    autoSkipStartPage: true,
    autoSkip: true,
    document: session.kind === 'ekyc-sdk' ? documentSettings(c) : null,
  };
}
