/**
 * The store's tables as Kysely sees them. Same column types on SQLite and PostgreSQL so every
 * query is shared: timestamps are ISO-8601 UTC strings (`Date#toISOString()`, fixed width, so they
 * sort and compare as text), JSON is TEXT, booleans are 0/1 integers.
 * A later migration that adds a table adds its interface here too.
 */

import type { Generated } from 'kysely';

export type AppStatus = 'activated' | 'not_activated' | 'arrears';

export interface AppsTable {
  app_id: string;
  name: string;
  status: AppStatus;
  created_at: string;
}

export interface ApiKeysTable {
  secret_id: string;
  app_id: string;
  /** AES-256-GCM sealed SecretKey (services/secrets), never the plain value. */
  secret_key_enc: string;
  enabled: number;
  created_at: string;
  last_used_at: string | null;
}

export type SessionKind = 'web' | 'faceid-sdk' | 'liveness-sdk' | 'ekyc-sdk';
export type SessionState = 'created' | 'in_progress' | 'processing' | 'finished' | 'expired' | 'exited';

export interface SessionsTable {
  token: string;
  kind: SessionKind;
  app_id: string;
  state: SessionState;
  /** JSON: the request fields that shape the flow (CheckMode, SecureLevel, ...). */
  config: string;
  /** JSON: what the server asked the user to do (actions, colours, digits). */
  challenge: string | null;
  /** Merchant pass-through (`Extra`), returned with the result. */
  extra: string | null;
  redirect_url: string | null;
  /** Sealed reference photo for compare flows (biometric, so encrypted at rest). */
  reference_image_enc: string | null;
  result_code: string | null;
  /** JSON: the finished verification's details. */
  result: string | null;
  attempts: number;
  created_at: string;
  updated_at: string;
  /** End of the capture window (e.g. 10 minutes for an SdkToken, spec §7). */
  expires_at: string;
  /** Last moment the result may be read (e.g. 72 h for GetFaceIdResultIntl, spec §7). */
  result_expires_at: string;
  finished_at: string | null;
}

/**
 * One row per finished verification (session) or billed pure-API request (migration 0002). The
 * catalog row in force when it finished is copied in, so a later catalog change never re-prices history.
 */
export interface BillingLedgerTable {
  id: Generated<number>;
  app_id: string;
  /** Catalog product (INTERFACES.md §5): web, selfie-sdk, ekyc-sdk, pure-api, ... */
  product: string;
  /** Session kind (web, faceid-sdk, ...) or the pure-API action name (CompareFaceLiveness, ...). */
  action: string;
  /** The BizToken / SdkToken; null for pure-API rows. Unique: a session is billed at most once. */
  session_token: string | null;
  /** RequestId of the API call; unique, so a retried pure-API outcome is recorded once. */
  request_id: string | null;
  result_code: string;
  billable: number;
  description_in_force: string;
  /** effectiveFrom of the catalog row applied (null = the undated original row). */
  catalog_effective_from: string | null;
  finished_at: string;
}

/** Console/API operators (migration 0003). Only the SHA-256 of a token is kept. */
export interface OperatorTokensTable {
  id: string;
  name: string;
  token_sha256: string;
  created_at: string;
  last_used_at: string | null;
}

/** Outcome of one pure-API liveness/compare request (migration 0004); billed in the same transaction. */
export interface PureApiResultsTable {
  request_id: string;
  app_id: string;
  action: string;
  result_code: string;
  description: string;
  sim: number;
  best_frame_media_id: string | null;
  /** JSON: deciding finding, mode, scores. */
  detail: string;
  finished_at: string;
}

export type CaptureAttemptState = 'started' | 'uploaded' | 'passed' | 'failed';

/** One capture attempt of a session (migration 0005): its challenge, upload nonce (hashed) and verdict. */
export interface CaptureAttemptsTable {
  id: string;
  token: string;
  seq: number;
  nonce_sha256: string;
  nonce_used: number;
  source: string;
  state: CaptureAttemptState;
  challenge: string;
  timeline: string | null;
  result_code: string | null;
  result: string | null;
  video_media_id: string | null;
  best_frame_media_id: string | null;
  started_at: string;
  uploaded_at: string | null;
  finished_at: string | null;
}

/** One photo of an identity document in a session's document step (migration 0006). */
export interface DocumentReadsTable {
  id: string;
  token: string;
  seq: number;
  side: 'front' | 'back';
  state: 'passed' | 'failed';
  card_type: string;
  code: string;
  message: string;
  /** JSON number[]. */
  warnings: string;
  /** JSON Record<string, string | null>. */
  fields: string;
  /** JSON string[]. */
  invalid_fields: string;
  image_media_id: string | null;
  cut_media_id: string | null;
  portrait_media_id: string | null;
  /** JSON EditRecord[], set when confirmed. */
  edits: string | null;
  confirmed_at: string | null;
  created_at: string;
}

/** A legacy ApplyCardVerification job (migration 0006); no session, not billed. */
export interface CardVerificationsTable {
  token: string;
  app_id: string;
  nationality: string;
  card_type: string;
  card_key: string | null;
  state: 'processing' | 'done';
  status: string | null;
  result: string | null;
  front_media_id: string;
  back_media_id: string | null;
  created_at: string;
  finished_at: string | null;
  result_expires_at: string;
}

export interface Database {
  apps: AppsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  billing_ledger: BillingLedgerTable;
  operator_tokens: OperatorTokensTable;
  pure_api_results: PureApiResultsTable;
  capture_attempts: CaptureAttemptsTable;
  document_reads: DocumentReadsTable;
  card_verifications: CardVerificationsTable;
}

export type StoreDialect = 'sqlite' | 'postgres';
