import { ApiError } from '@open-ekyc/contract';
import { Type } from '@sinclair/typebox';
import { defineAction, type AnyAction, type CallerContext } from '../../actions/action.js';

/**
 * A small action for gateway tests and the benchmark: a schema with a string, an integer,
 * a boolean, a nested object and an array of objects. It echoes what the gateway gave it,
 * so a test sees the coerced input, and can be asked to fail or to be slow.
 */
export const TestActionRequest = Type.Object({
  CheckMode: Type.String(),
  SecureLevel: Type.Optional(Type.Integer()),
  AutoSkip: Type.Optional(Type.Boolean()),
  Config: Type.Optional(
    Type.Object({
      Mode: Type.String(),
      Retries: Type.Integer(),
      Enabled: Type.Boolean(),
    }),
  ),
  Items: Type.Optional(Type.Array(Type.Object({ Name: Type.String(), Score: Type.Number() }))),
  /** "throw": a plain Error; "api-error": an ApiError; "slow": waits for the abort signal. */
  Behaviour: Type.Optional(
    Type.Union([
      Type.Literal('echo'),
      Type.Literal('throw'),
      Type.Literal('api-error'),
      Type.Literal('slow'),
    ]),
  ),
});

export const TestActionResponse = Type.Object({
  SdkToken: Type.String(),
  AppId: Type.String(),
  Echo: Type.Unknown(),
});

export interface TestActionProbe {
  /** The last CallerContext seen, and whether its signal was aborted when the slow call ended. */
  lastCaller?: CallerContext;
  abortedSlowCalls: number;
}

export function createTestAction(
  name: string,
  probe: TestActionProbe = { abortedSlowCalls: 0 },
  defaultQps?: number,
): AnyAction {
  return defineAction({
    name,
    request: TestActionRequest,
    response: TestActionResponse,
    ...(defaultQps !== undefined ? { defaultQps } : {}),
    async handle(caller, input) {
      probe.lastCaller = caller;
      if (input.Behaviour === 'throw') throw new Error('boom: simulated bug');
      if (input.Behaviour === 'api-error') throw new ApiError('FailedOperation.ImageBlur');
      if (input.Behaviour === 'slow') {
        await new Promise<void>((resolve) => {
          if (caller.signal.aborted) return resolve();
          caller.signal.addEventListener('abort', () => resolve(), { once: true });
        });
        probe.abortedSlowCalls++;
      }
      return { SdkToken: `tok-${caller.requestId}`, AppId: caller.appId, Echo: input };
    },
  });
}
