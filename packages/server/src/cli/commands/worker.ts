import { JOBS_DEFAULTS, loadConfig } from '../../config/load-config.js';
import { startBullMqWorker } from '../../jobs/bullmq-worker.js';
import { createInProcessJobs } from '../../jobs/in-process-jobs.js';
import type { CliCommand } from '../cli-io.js';
import type { CliRuntime } from '../cli-runtime.js';
import { UsageError, parseCommandArgs, runReporting } from '../command-support.js';

const USAGE = `usage: ekyc worker

Runs engine jobs (liveness, comparison) from the Redis queue named by EKYC_REDIS_URL on this
machine's cores (EKYC_ENGINE_WORKERS, default one per core), so API nodes and engine workers
scale apart. Stops cleanly on SIGINT/SIGTERM.
`;

/** `ekyc worker` (ARCHITECTURE.md "Jobs"): the consumer side of the BullMQ driver. */
export function createWorkerCommand(runtime: CliRuntime): CliCommand {
  return (argv, io) =>
    runReporting(io, USAGE, async () => {
      const { positionals } = parseCommandArgs(argv, {});
      if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
      const config = await loadConfig({ env: runtime.env });
      if (!config.redisUrl)
        throw new UsageError('EKYC_REDIS_URL is not set: `ekyc worker` takes its jobs from Redis');
      let stop!: (signal: string) => void;
      const stopped = new Promise<string>((resolve) => (stop = resolve));
      const unsubscribe = runtime.onShutdown((signal) => stop(signal));
      const jobsConfig = config.jobs ?? JOBS_DEFAULTS;
      const jobs = await createInProcessJobs(jobsConfig);
      try {
        // Register with the queue only once the models are loaded: API nodes count registered workers for /readyz.
        await jobs.whenReady();
        const worker = await startBullMqWorker({
          redisUrl: config.redisUrl,
          jobs,
          concurrency: jobs.stats().workers,
        });
        io.stdout(
          `ekyc worker ready: ${jobs.stats().workers} engine threads on ${new URL(config.redisUrl).host}\n`,
        );
        const signal = await stopped;
        io.stdout(`received ${signal}, finishing running jobs\n`);
        await worker.close();
        return 0;
      } finally {
        unsubscribe();
        await jobs.close();
      }
    });
}
