#!/usr/bin/env node
// The `ekyc` bin (INTERFACES.md §2). The sources are TypeScript run through tsx; this shim
// registers the loader and hands over to src/bin/cli.ts.
import { register } from 'tsx/esm/api';

register();
await import('../src/bin/cli.ts');
