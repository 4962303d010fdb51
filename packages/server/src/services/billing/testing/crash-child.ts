/**
 * Test helper run as a separate process by billing-crash.int.test.ts: finishes one session with the
 * billing hook, reports how far it got, then hangs inside the open transaction until the parent
 * kills it with SIGKILL — a real crash, not an exception. argv[2] is JSON:
 * { dataDir, databaseUrl, token, at, stopAt: 'after-session-update' | 'after-ledger-write' }.
 */
import { randomBytes } from 'node:crypto';
import { createStore } from '../../../store/create-store.js';
import { createSealer } from '../../secrets/aes-gcm.js';
import { SessionsService } from '../../sessions/sessions-service.js';
import { BillingService } from '../billing-service.js';

interface CrashArgs {
  dataDir: string;
  databaseUrl: string | undefined;
  token: string;
  at: string;
  stopAt: 'after-session-update' | 'after-ledger-write';
}

const args = JSON.parse(process.argv[2] ?? '{}') as CrashArgs;
const store = await createStore({ dataDir: args.dataDir, databaseUrl: args.databaseUrl }, { migrate: false });
const billHook = new BillingService({ db: store.db }).finishHook();
const hang = () => new Promise<never>(() => setInterval(() => {}, 1000));
// The product's billing hook, wrapped so the process can stop (and be killed) at either point.
const sessions = new SessionsService({
  db: store.db,
  sealer: createSealer(randomBytes(32)),
  billing: async (trx, session) => {
    if (args.stopAt === 'after-session-update') {
      process.stdout.write('stopped:after-session-update\n');
      await hang();
    }
    await billHook(trx, session);
    process.stdout.write('stopped:after-ledger-write\n');
    await hang();
  },
});

await sessions.finish(args.token, { resultCode: '0', result: {} }, { at: new Date(args.at) });
