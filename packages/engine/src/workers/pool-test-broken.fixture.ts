/** A task module whose worker init always fails (pool test for workers that cannot start). */
export { tasks } from './pool-test-tasks.fixture.js';

export async function initWorker(): Promise<void> {
  throw new Error('no models here');
}
