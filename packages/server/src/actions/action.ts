import type { Static, TObject } from '@sinclair/typebox';

/** What the gateway knows about the caller once the signature is verified. */
export interface CallerContext {
  /** UUID v4 of this request; also the `RequestId` of the response (spec §3.9). */
  readonly requestId: string;
  readonly appId: string;
  readonly secretId: string;
  /** Region as sent (`X-TC-Region` / `Region`); `null` / "null" / empty are normalised to undefined (spec §0.8). */
  readonly region: string | undefined;
  /** `X-TC-Language` / `Language`, e.g. "en-US" or "zh-CN". */
  readonly language: string | undefined;
  /** Time the request was received; services use it instead of reading the clock. */
  readonly receivedAt: Date;
  /** Aborted when the client goes away or the per-request time limit passes. */
  readonly signal: AbortSignal;
}

/**
 * One vendor action (spec §7). The gateway validates and coerces the input with `request`
 * (v1/GET string values are coerced by this schema, spec §3.7) before `handle` runs, and
 * checks the output against `response` in tests. Each action lives in its own file under
 * `actions/` and calls one service; actions never touch the store.
 */
export interface ActionDefinition<Req extends TObject = TObject, Res extends TObject = TObject> {
  readonly name: string;
  readonly request: Req;
  readonly response: Res;
  /** Requests per second allowed per app for this action, unless configured otherwise. */
  readonly defaultQps?: number;
  handle(caller: CallerContext, input: Static<Req>): Promise<Static<Res>>;
}

export function defineAction<Req extends TObject, Res extends TObject>(
  action: ActionDefinition<Req, Res>,
): ActionDefinition<Req, Res> {
  return action;
}

// The registry holds actions of many shapes; handle() is only ever called with input validated by `request`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyAction = ActionDefinition<any, any>;
