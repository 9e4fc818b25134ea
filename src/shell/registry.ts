// shell/registry.ts — which programs exist in which toolset (the host, a container image).
// Tool modules register themselves when src/shell/tools/index.ts imports them.
// Must not run tools or format output; a name missing from a toolset is simply "not found".
import type { Tool, Toolset } from './types';

/** Per name and toolset: the same name can be a different program in each (iputils' or BusyBox's ping). */
const tools = new Map<string, Map<Toolset, Tool>>();

/** Every toolset, for tools that exist everywhere (echo, grep, …). */
export const ALL_TOOLSETS: readonly Toolset[] = ['host', 'netutils', 'busybox', 'nginx'];

/**
 * Makes `name` runnable in the given toolsets. Registering the same name for other toolsets
 * adds another implementation; for the same toolset it replaces the earlier one.
 */
export function registerTool(name: string, tool: Tool, toolsets: readonly Toolset[]): void {
  const byToolset = tools.get(name) ?? new Map<Toolset, Tool>();
  for (const ts of toolsets) byToolset.set(ts, tool);
  tools.set(name, byToolset);
}

/** The tool called `name` in `toolset`, or undefined when that environment lacks it. */
export function findTool(name: string, toolset: Toolset): Tool | undefined {
  return tools.get(name)?.get(toolset);
}

/** Whether `name` can be run in `toolset`. */
export function hasTool(name: string, toolset: Toolset): boolean {
  return findTool(name, toolset) !== undefined;
}

/** The names runnable in `toolset`, sorted. */
export function toolNames(toolset: Toolset): string[] {
  return [...tools.entries()]
    .filter(([, e]) => e.has(toolset))
    .map(([name]) => name)
    .sort();
}
