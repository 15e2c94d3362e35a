import { z } from 'zod';

// zod compiles fast validators with `new Function` when it may; under the window's CSP it may
// not, and merely probing for it reports a CSP violation. Imported first by main.tsx, so that
// no schema is used before this is set.
z.config({ jitless: true });
