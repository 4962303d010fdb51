import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { AppsRepository } from '../store/repositories/apps-repository.js';
import { BillingError, BillingService, usageJson, usageQueryFromDays } from '../services/billing/index.js';
import { OperatorTokens } from '../services/operators/operator-tokens.js';
import { operatorAuth } from './operator-auth.js';

export interface ConsoleApiDeps {
  readonly billing: Pick<BillingService, 'usage'>;
  readonly operators: Pick<OperatorTokens, 'verify'>;
  readonly appExists: (appId: string) => Promise<boolean>;
}

/** Where the console's JSON API lives (INTERFACES.md §3: "The console under /console"). */
export const CONSOLE_API_PREFIX = '/console/api';

function queryString(query: unknown, name: string): string | undefined {
  const v = (query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * The console API, for `buildServer({ extraRoutes })`. Every route under /console/api needs an
 * operator token (the hook is scoped to this plugin, so the signed API and the future console
 * pages are untouched). Errors are JSON `{error, message}`.
 */
export async function registerConsoleApi(app: FastifyInstance, deps: ConsoleApiDeps): Promise<void> {
  await app.register(
    async (api) => {
      api.addHook('onRequest', operatorAuth(deps.operators));
      // Unknown console paths get the auth check too (the plugin's hooks run for its own 404
      // handler), so probing /console/api/* without a token learns nothing.
      api.setNotFoundHandler((request, reply) =>
        reply
          .code(404)
          .send({ error: 'not_found', message: `no console API route ${request.method} ${request.url}` }),
      );

      // GET /console/api/usage?app=&from=YYYY-MM-DD&to=YYYY-MM-DD&by=day|code|product — same JSON as `ekyc usage --json`.
      api.get('/usage', async (request, reply) => {
        const appId = queryString(request.query, 'app');
        const from = queryString(request.query, 'from');
        const to = queryString(request.query, 'to');
        if (appId === undefined || from === undefined || to === undefined) {
          return reply
            .code(400)
            .send({ error: 'bad_request', message: 'app, from and to are required (from/to: YYYY-MM-DD)' });
        }
        let query;
        try {
          query = usageQueryFromDays({ appId, from, to, by: queryString(request.query, 'by') });
        } catch (err) {
          if (err instanceof BillingError)
            return reply.code(400).send({ error: 'bad_request', message: err.message });
          throw err;
        }
        if (!(await deps.appExists(appId))) {
          return reply.code(404).send({ error: 'not_found', message: `app ${appId} not found` });
        }
        return usageJson(await deps.billing.usage(query));
      });
    },
    { prefix: CONSOLE_API_PREFIX },
  );
}

/** The console's services on one database, for `ekyc serve`. */
export function createConsoleApi(deps: { readonly db: Kysely<Database> }) {
  const operators = new OperatorTokens({ db: deps.db });
  const billing = new BillingService({ db: deps.db });
  const apps = new AppsRepository(deps.db);
  return {
    operators,
    billing,
    routes: (app: FastifyInstance) =>
      registerConsoleApi(app, {
        billing,
        operators,
        appExists: async (appId) => (await apps.find(appId)) !== null,
      }),
  };
}
