import { createRequire } from 'node:module';

/**
 * The OFFICIAL TencentCloud Node SDKs installed at the repository root (spec §4), loaded as
 * CommonJS, with the few members the tests use typed here (the intl SDK ships no .d.ts).
 */
const require = createRequire(import.meta.url);

export interface SdkError extends Error {
  code?: string;
  requestId?: string;
  traceId?: string;
  httpCode?: number;
}

export type Outcome = { ok: true; data: Record<string, unknown> } | { ok: false; err: SdkError };

interface IntlCommon {
  Credential: new (secretId: string, secretKey: string, token?: string) => unknown;
  ClientProfile: new (signMethod?: string, httpProfile?: unknown) => unknown;
  HttpProfile: new (
    protocol?: string,
    endpoint?: string,
    reqMethod?: string,
    reqTimeoutSec?: number,
    headers?: Record<string, string>,
  ) => unknown;
  CommonClient: new (
    endpoint: string,
    version: string,
    credential: unknown,
    region: string | null,
    profile: unknown,
  ) => {
    request(
      action: string,
      params: unknown,
      options: object,
      cb: (err: SdkError | null, data: Record<string, unknown>) => void,
    ): void;
  };
}

type IntlFaceidClient = Record<
  string,
  (
    req: unknown,
    cb: (err: SdkError | null, resp: Record<string, unknown> & { to_json_string(): string }) => void,
  ) => void
>;

interface IntlSdk {
  common: IntlCommon;
  faceid: {
    v20180301: {
      Client: new (credential: unknown, region: string | null, profile: unknown) => IntlFaceidClient;
    };
  };
}

interface MainlandCommonClient {
  request(action: string, params: unknown): Promise<Record<string, unknown>>;
}

const intl = require('tencentcloud-sdk-nodejs-intl-en') as IntlSdk;
const mainland = require('tencentcloud-sdk-nodejs/tencentcloud/common') as {
  CommonClient: new (endpoint: string, version: string, opts: object) => MainlandCommonClient;
};

export interface ClientOptions {
  readonly endpoint: string;
  readonly secretId: string;
  readonly secretKey: string;
  /** Intl SDK: "HmacSHA256" (its default), "HmacSHA1" or "TC3-HMAC-SHA256". */
  readonly signMethod?: string;
  readonly reqMethod?: 'GET' | 'POST';
  readonly headers?: Record<string, string>;
  readonly region?: string | null;
}

function intlProfile(o: ClientOptions): unknown {
  const http = new intl.common.HttpProfile('http://', o.endpoint, o.reqMethod ?? 'POST', 10, o.headers ?? {});
  // No first argument = the SDK's default profile (legacy v1 HmacSHA256, spec §0.1).
  return new intl.common.ClientProfile(o.signMethod, http);
}

/** tencentcloud-sdk-nodejs-intl-en `CommonClient.request`, callback turned into an Outcome. */
export function intlCommonCall(o: ClientOptions, action: string, params: unknown): Promise<Outcome> {
  const client = new intl.common.CommonClient(
    o.endpoint,
    '2018-03-01',
    new intl.common.Credential(o.secretId, o.secretKey),
    o.region === undefined ? 'ap-singapore' : o.region,
    intlProfile(o),
  );
  return new Promise((resolve) =>
    client.request(action, params, {}, (err, data) => resolve(err ? { ok: false, err } : { ok: true, data })),
  );
}

/** The intl faceid client's typed method (e.g. `GetFaceIdTokenIntl`) — real model classes. */
export function intlFaceidCall(o: ClientOptions, action: string, params: unknown): Promise<Outcome> {
  const Client = intl.faceid.v20180301.Client;
  const client = new Client(
    new intl.common.Credential(o.secretId, o.secretKey),
    o.region === undefined ? 'ap-singapore' : o.region,
    intlProfile(o),
  );
  const method = client[action];
  if (!method) throw new Error(`intl faceid client has no ${action}`);
  return new Promise((resolve) =>
    method.call(client, params, (err, resp) =>
      resolve(
        err
          ? { ok: false, err }
          : { ok: true, data: JSON.parse(resp.to_json_string()) as Record<string, unknown> },
      ),
    ),
  );
}

/** tencentcloud-sdk-nodejs 4.x `CommonClient` (TC3 always), as configured in spec §4. */
export async function mainlandCommonCall(
  o: ClientOptions,
  action: string,
  params: unknown,
): Promise<Outcome> {
  const client = new mainland.CommonClient('faceid.intl.tencentcloudapi.com', '2018-03-01', {
    credential: { secretId: o.secretId, secretKey: o.secretKey },
    region: 'ap-singapore',
    profile: {
      language: 'en-US',
      httpProfile: {
        endpoint: o.endpoint,
        protocol: 'http://',
        reqMethod: o.reqMethod ?? 'POST',
        headers: o.headers ?? {},
      },
    },
  });
  try {
    return { ok: true, data: await client.request(action, params) };
  } catch (err) {
    return { ok: false, err: err as SdkError };
  }
}
