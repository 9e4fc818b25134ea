// shell/loadTools.ts — whether the tool implementations (tools/index.ts) are registered yet, and
// how to load them later: the browser fetches them with a dynamic import() after its first paint,
// so a first paint that only draws the boot world carries none of them. Node entry points (the
// CLI, tests) import tools/index.ts statically, so for them the tools are there from the start.
let loaded = false;
let loading: Promise<void> | null = null;
const waiting: Array<() => void> = [];

/** Called once by tools/index.ts after every tool module has registered itself. */
export function markToolsLoaded(): void {
  if (loaded) return;
  loaded = true;
  for (const resolve of waiting.splice(0)) resolve();
}

/** Whether every tool is registered (a line run now finds `ip`, `docker`, …). */
export function toolsLoaded(): boolean {
  return loaded;
}

/** Resolves once the tools are registered; does not start loading them (loadTools does). */
export function toolsReady(): Promise<void> {
  return loaded ? Promise.resolve() : new Promise((resolve) => waiting.push(resolve));
}

/** Loads and registers the tools (once; later calls return the same promise). */
export function loadTools(): Promise<void> {
  if (loaded) return Promise.resolve();
  // A failed fetch (a flaky network) may be retried by the next call.
  loading ??= import('./tools/index').then(
    () => markToolsLoaded(),
    (err: unknown) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}
