// `node --import ./module-log.mjs …`: records every ES module the program loads (see module-log-hooks.mjs).
import { register } from 'node:module';

register('./module-log-hooks.mjs', import.meta.url);
