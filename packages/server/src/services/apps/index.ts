import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import type { Sealer } from '../secrets/aes-gcm.js';
import { AppsService } from './apps-service.js';
import { CachingCredentialResolver, type CachingResolverOptions } from './credential-resolver.js';

export { AppsService, AppsServiceError, type NewApiKey, type ApiKeySummary } from './apps-service.js';
export { CachingCredentialResolver } from './credential-resolver.js';
export { SECRET_ID_PATTERN } from './credential-ids.js';

/** The apps service and the gateway's resolver, wired so changes made here invalidate the cache at once. */
export function createApps(
  deps: { db: Kysely<Database>; sealer: Sealer; now?: () => Date },
  resolverOptions?: CachingResolverOptions,
) {
  const resolver = new CachingCredentialResolver({ db: deps.db, sealer: deps.sealer }, resolverOptions);
  const apps = new AppsService({ ...deps, onCredentialsChanged: (change) => resolver.invalidate(change) });
  return { apps, resolver };
}
