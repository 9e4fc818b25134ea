// shell/registry.ts — which programs exist in which toolset (the host, a container image).
// Tool modules register themselves when src/shell/tools/index.ts imports them.
// Must not run tools or format output; a name missing from a toolset is simply "not found".
import type { Tool, Toolset } from './types';

const tools = new Map<string, { tool: Tool; toolsets: ReadonlySet<Toolset> }>();

/** Every toolset, for tools that exist everywhere (echo, grep, …). */
export const ALL_TOOLSETS: readonly Toolset[] = ['host', 'netutils', 'busybox', 'nginx'];

/** Makes `name` runnable in the given toolsets; registering a name again replaces it. */
export function registerTool(name: string, tool: Tool, toolsets: readonly Toolset[]): void {
  tools.set(name, { tool, toolsets: new Set(toolsets) });
}

/** The tool called `name` in `toolset`, or undefined when that environment lacks it. */
export function findTool(name: string, toolset: Toolset): Tool | undefined {
  const entry = tools.get(name);
  return entry && entry.toolsets.has(toolset) ? entry.tool : undefined;
}

/** Whether `name` can be run in `toolset`. */
export function hasTool(name: string, toolset: Toolset): boolean {
  return findTool(name, toolset) !== undefined;
}

/** The names runnable in `toolset`, sorted. */
export function toolNames(toolset: Toolset): string[] {
  return [...tools.entries()]
    .filter(([, e]) => e.toolsets.has(toolset))
    .map(([name]) => name)
    .sort();
}
