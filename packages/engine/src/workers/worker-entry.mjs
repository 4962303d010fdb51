// Worker thread bootstrap: worker threads do not inherit the parent's TypeScript loader, so
// register tsx here, then load the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
