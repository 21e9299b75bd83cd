// The cross-engine flows (flows.mjs) in firefox.
import { engineSuite } from './flows.mjs';
import { open } from './drivers/firefox.mjs';

engineSuite(open);
