// shell/tools/docker/netns.ts — teaches nsenter's path resolution (shell/netnsPath.ts) Docker's
// namespace files: /var/run/docker/netns/<sandbox key> (`default` is the host's) and
// /proc/<container pid>/ns/net, and /var/run/netns/<key> once /var/run/netns is a symlink to
// Docker's directory (the third companion lab). Reads the world only.
import type { World } from '../../../docker/world';
import { INIT_NET } from '../../../kernel/query';
import { runNetnsEntries } from '../../files';
import { registerNetnsResolver } from '../../netnsPath';

registerNetnsResolver((world: World, path: string) => {
  const key = /^\/(?:var\/)?run\/docker\/netns\/([^/]+)$/.exec(path)?.[1];
  if (key !== undefined) {
    if (key === 'default')
      return Object.values(world.docker.containers).some((c) => c.sandbox?.key === 'default') ? INIT_NET : undefined;
    return Object.values(world.docker.containers).find((c) => c.status === 'running' && c.sandbox?.key === key)?.sandbox
      ?.netns;
  }
  const named = /^\/(?:var\/)?run\/netns\/([^/]+)$/.exec(path)?.[1];
  if (named !== undefined) return runNetnsEntries(world).find((e) => e.name === named)?.ns;
  const pid = /^\/proc\/(\d+)\/ns\/net$/.exec(path)?.[1];
  if (pid !== undefined)
    return Object.values(world.docker.containers).find((c) => c.status === 'running' && c.pid === Number(pid))?.netns;
  return undefined;
});
