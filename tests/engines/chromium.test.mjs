// The cross-engine flows (flows.mjs) in chromium.
import { engineSuite } from './flows.mjs';
import { open } from './drivers/chromium.mjs';

engineSuite(open);
