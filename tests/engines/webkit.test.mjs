// The cross-engine flows (flows.mjs) in webkit.
import { engineSuite } from './flows.mjs';
import { open } from './drivers/webkit.mjs';

engineSuite(open);
