import type { FastifyReply, FastifyRequest } from 'fastify';
import type { OperatorTokens } from '../services/operators/operator-tokens.js';

/** RFC 6750 §2.1: `Authorization: Bearer <token>`; the scheme name is case-insensitive. */
const BEARER = /^Bearer +([\x21-\x7e]+)$/i;

/**
 * onRequest hook for the console API: a missing, malformed or unknown bearer token gets
 * 401 JSON with a `WWW-Authenticate` challenge (RFC 6750 §3), before any route runs.
 */
export function operatorAuth(operators: Pick<OperatorTokens, 'verify'>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const match = BEARER.exec(request.headers.authorization ?? '');
    const operatorId = match?.[1] === undefined ? null : await operators.verify(match[1]);
    if (operatorId === null) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="ekyc-console"')
        .send({
          error: 'unauthorized',
          message: match ? 'unknown operator token' : 'send "Authorization: Bearer <operator token>"',
        });
    }
    // Which operator asked, in the request's log lines (never the token).
    request.log = request.log.child({ operatorId });
  };
}
