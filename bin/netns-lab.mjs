#!/usr/bin/env node
// bin/netns-lab.mjs — the `netns-lab` command: loads the TypeScript entry through tsx's loader,
// so the CLI runs the very same source as the browser, without a separate build step.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
await import(fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)));
