import type { StoreMigration } from './migration.js';
import { m0001Initial } from './0001-initial.js';

export type { StoreMigration } from './migration.js';

/** Every migration, in order. Adding one: a new file in this folder and one line here. */
export const MIGRATIONS: readonly StoreMigration[] = [m0001Initial];
