// view/scene/podNames.ts — dockershim's container names, read: k8s_POD_<pod>_<ns>_<uid>_<n> for a
// pod's sandbox (pause) container, k8s_<container>_<pod>_<ns>_<uid>_<n> for the others. Pure, with
// no imports, so the layout can size cards by the short names without an import cycle.

// dockershim's naming: fields joined by "_", so a pod or container name never holds one
// (Kubernetes names are DNS labels); the uid is a UUID, the last field the restart count.
const SANDBOX = /^k8s_POD_([^_]+)_([^_]+)_([^_]+)_(\d+)$/;
const APP = /^k8s_([^_]+)_([^_]+)_([^_]+)_([^_]+)_(\d+)$/;

/** The pod a sandbox (pause) container name stands for, as dockershim named it. */
export function parseSandboxName(name: string): { name: string; namespace: string; uid: string } | undefined {
  const m = SANDBOX.exec(name);
  return m ? { name: m[1]!, namespace: m[2]!, uid: m[3]! } : undefined;
}

/** The container and its pod, from an application container's dockershim name. */
export function parseAppName(
  name: string,
): { container: string; pod: string; namespace: string; uid: string } | undefined {
  const m = APP.exec(name);
  if (!m || m[1] === 'POD') return undefined;
  return { container: m[1]!, pod: m[2]!, namespace: m[3]!, uid: m[4]! };
}

/**
 * The short name a card shows for a container: its name in the pod spec for a dockershim-named
 * application container, `pause` for a sandbox, else the name itself (three cards share a column).
 */
export function shortName(name: string): string {
  if (parseSandboxName(name)) return 'pause';
  return parseAppName(name)?.container ?? name;
}
