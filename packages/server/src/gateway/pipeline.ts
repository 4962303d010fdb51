import { ApiError } from '@open-ekyc/contract';
import type { FastifyBaseLogger } from 'fastify';
import type { AnyAction, CallerContext } from '../actions/action.js';
import { missing, readApiRequest, type RawApiRequest } from './api-request.js';
import { authenticate, type AuthDeps } from './authenticate.js';
import { unflatten } from './form-params.js';
import { parseJsonBody } from './json-body.js';
import type { RateLimiter } from './rate-limiter.js';
import { validateInput } from './validate-input.js';

/**
 * One signed API call, in the order of spec §5.1: common parameters (action, version) ->
 * signature -> rate limit -> parameter validation -> the action. Every failure is an
 * `ApiError`; the route turns it into the envelope.
 */

export const API_VERSION = '2018-03-01';

export interface Gateway {
  readonly actions: ReadonlyMap<string, AnyAction>;
  readonly auth: AuthDeps;
  readonly limiter: RateLimiter;
}

export interface CallInfo {
  readonly requestId: string;
  readonly receivedAt: Date;
  readonly signal: AbortSignal;
  readonly log: FastifyBaseLogger;
  /** Filled in as soon as the action is known (metrics and logs label). */
  action?: string;
  secretId?: string;
}

export async function runApiCall(gw: Gateway, raw: RawApiRequest, call: CallInfo): Promise<object> {
  const req = readApiRequest(raw);

  if (req.action === undefined || req.action === '') throw missing(req.style, 'Action');
  const action = gw.actions.get(req.action);
  if (!action) throw new ApiError('InvalidAction');
  call.action = action.name;
  if (req.version === undefined || req.version === '') throw missing(req.style, 'Version');
  if (req.version !== API_VERSION) throw new ApiError('NoSuchVersion');

  const cred = await authenticate(req, gw.auth);
  call.secretId = cred.secretId;
  gw.auth.credentials.markUsed(cred.secretId, call.receivedAt);

  const rate = gw.limiter.take(cred.appId, action.name);
  if (!rate.allowed) {
    throw new ApiError(
      'RequestLimitExceeded',
      `Your current request times exceeds the frequency limit \`${rate.limit}\` per second for \`${action.name}\`. Please retry later.`,
    );
  }

  // TC3 JSON is parsed only now: its bytes were already covered by the signature.
  const params =
    req.style === 'tc3' && req.bodyKind === 'json'
      ? parseJsonBody(req.body)
      : unflatten(req.form ?? new Map(), req.style === 'v1' /* TC3-GET has its common params in headers */);
  const { value, ignored } = validateInput(action.request, params);
  if (ignored.length > 0) {
    call.log.debug(
      { action: action.name, ignored: ignored.slice(0, 50), count: ignored.length },
      'ignored unknown parameters',
    );
  }

  const caller: CallerContext = {
    requestId: call.requestId,
    appId: cred.appId,
    secretId: cred.secretId,
    region: req.region,
    language: req.language,
    receivedAt: call.receivedAt,
    signal: call.signal,
  };
  const output: unknown = await action.handle(caller, value);
  if (typeof output !== 'object' || output === null || Array.isArray(output)) {
    throw new Error(`action ${action.name} returned a non-object`);
  }
  return output;
}
