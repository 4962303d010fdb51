import {
  BillingError,
  BillingService,
  usageJson,
  usageQueryFromDays,
  usageTable,
} from '../../services/billing/index.js';
import type { CliCommand } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { STORE_FLAGS, UsageError, openContext, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc usage --app APPID --from YYYY-MM-DD --to YYYY-MM-DD [--by day|code|product] [--json] [--data DIR]

Counts finished verifications and billed ones from the billing ledger. Days are UTC, both ends
inclusive. --by code groups by product and result code (codes repeat across products).
`;

/** `ekyc usage` (issue "Result-code catalog and billing ledger", part 3); same JSON as GET /console/api/usage. */
export function createUsageCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const { values, positionals } = parseCommandArgs(argv, {
        ...STORE_FLAGS,
        app: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        by: { type: 'string' },
        json: { type: 'boolean' },
      });
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      for (const flag of ['app', 'from', 'to'] as const) {
        if (values[flag] === undefined) throw new UsageError(`--${flag} is required`);
      }
      let query;
      try {
        query = usageQueryFromDays({
          appId: values.app ?? '',
          from: values.from ?? '',
          to: values.to ?? '',
          by: values.by,
        });
      } catch (err) {
        if (err instanceof BillingError) throw new UsageError(err.message);
        throw err;
      }
      const ctx = await openContext(runtime, { data: values.data });
      try {
        if (!(await ctx.apps.getApp(query.appId))) {
          io.stderr(`ekyc: app ${query.appId} not found\n`);
          return 1;
        }
        const report = await new BillingService({ db: ctx.store.db }).usage(query);
        io.stdout(values.json ? `${JSON.stringify(usageJson(report))}\n` : usageTable(report));
        return 0;
      } finally {
        await ctx.close();
      }
    });
}
