import { ApiError } from '@open-ekyc/contract';
import { header, missing, type ApiRequest } from './api-request.js';
import type { CredentialResolver, ResolvedCredential } from './credentials.js';
import { parseTc3Authorization, utcDate, verifyTc3Signature } from './tc3-signature.js';
import { v1Algorithm, verifyV1Signature } from './v1-signature.js';

/**
 * Signature verification (spec §3.6) for both families, then the app status check
 * (spec §5.3 `UnauthorizedOperation.*`). Returns the verified credential.
 */

export interface AuthDeps {
  readonly credentials: CredentialResolver;
  readonly timestampWindowSeconds: number;
  /** Current Unix time in seconds (injectable for tests). */
  readonly nowSeconds: () => number;
}

// What a SecretId may look like at all; anything else is AuthFailure.InvalidSecretId (spec §5.2).
const SECRET_ID_RE = /^AKID[A-Za-z0-9]{4,124}$/;
const TIMESTAMP_RE = /^\d{1,12}$/;
const NONCE_RE = /^\d{1,20}$/;

function parseTimestamp(req: ApiRequest, value: string | undefined, name: string): number {
  if (value === undefined || value === '') throw missing(req.style, 'Timestamp');
  if (!TIMESTAMP_RE.test(value)) throw new ApiError('InvalidParameter', `Parameter \`${name}\` type error.`);
  return Number(value);
}

function checkWindow(ts: number, deps: AuthDeps): void {
  if (Math.abs(deps.nowSeconds() - ts) > deps.timestampWindowSeconds) {
    throw new ApiError('AuthFailure.SignatureExpire');
  }
}

async function resolveKey(secretId: string, deps: AuthDeps): Promise<ResolvedCredential> {
  if (!SECRET_ID_RE.test(secretId)) throw new ApiError('AuthFailure.InvalidSecretId');
  const cred = await deps.credentials.resolve(secretId);
  // A disabled key answers like a missing one (spec §5.2 AuthFailure.SecretIdNotFound).
  if (!cred || !cred.enabled || cred.secretId !== secretId)
    throw new ApiError('AuthFailure.SecretIdNotFound');
  return cred;
}

function checkAppStatus(cred: ResolvedCredential): void {
  if (cred.appStatus === 'not_activated') throw new ApiError('UnauthorizedOperation.Nonactivated');
  if (cred.appStatus === 'arrears') throw new ApiError('UnauthorizedOperation.Arrears');
}

async function authenticateTc3(req: ApiRequest, deps: AuthDeps): Promise<ResolvedCredential> {
  const authorization = header(req.headers, 'authorization');
  if (authorization === undefined || authorization === '') throw missing(req.style, 'Authorization');
  const auth = parseTc3Authorization(authorization);
  // spec §3.6: "SKIP" is refused too, no faceid action allows unsigned calls.
  if (!auth) throw new ApiError('AuthFailure.InvalidAuthorization');
  const tsText = header(req.headers, 'x-tc-timestamp');
  const ts = parseTimestamp(req, tsText, 'X-TC-Timestamp');
  checkWindow(ts, deps);
  if (auth.date !== utcDate(ts)) {
    throw new ApiError(
      'AuthFailure.SignatureFailure',
      'The credential scope date does not match the UTC date of X-TC-Timestamp.',
    );
  }
  const cred = await resolveKey(auth.secretId, deps);
  // X-TC-Token (temporary credentials) is not issued by this server; the signature below is
  // still checked with the stored key, so an unexpected token cannot widen access.
  const ok = verifyTc3Signature(
    {
      auth,
      method: req.method,
      rawQuery: req.rawQuery,
      timestamp: tsText as string,
      host: req.host,
      headers: req.headers,
      body: req.body,
    },
    cred.secretKey,
  );
  if (!ok) throw new ApiError('AuthFailure.SignatureFailure');
  return cred;
}

async function authenticateV1(req: ApiRequest, deps: AuthDeps): Promise<ResolvedCredential> {
  const params = req.form ?? new Map<string, string>();
  const signature = params.get('Signature');
  if (signature === undefined || signature === '')
    throw new ApiError('MissingParameter', 'The request is missing a required parameter `Signature`.');
  const secretId = params.get('SecretId');
  if (secretId === undefined || secretId === '')
    throw new ApiError('MissingParameter', 'The request is missing a required parameter `SecretId`.');
  const ts = parseTimestamp(req, params.get('Timestamp'), 'Timestamp');
  const nonce = params.get('Nonce');
  if (nonce === undefined || nonce === '')
    throw new ApiError('MissingParameter', 'The request is missing a required parameter `Nonce`.');
  if (!NONCE_RE.test(nonce)) throw new ApiError('InvalidParameter', 'Parameter `Nonce` type error.');
  const algorithm = v1Algorithm(params.get('SignatureMethod'));
  if (!algorithm) {
    throw new ApiError(
      'InvalidParameterValue',
      'The value specified in the parameter `SignatureMethod` is invalid; use HmacSHA1 or HmacSHA256.',
    );
  }
  checkWindow(ts, deps);
  const cred = await resolveKey(secretId, deps);
  if (
    !verifyV1Signature({ method: req.method, host: req.host, params, algorithm, signature }, cred.secretKey)
  ) {
    throw new ApiError('AuthFailure.SignatureFailure');
  }
  return cred;
}

export async function authenticate(req: ApiRequest, deps: AuthDeps): Promise<ResolvedCredential> {
  const cred = req.style === 'tc3' ? await authenticateTc3(req, deps) : await authenticateV1(req, deps);
  checkAppStatus(cred);
  return cred;
}
