// shell/caps.ts — the one door through which tools change the kernel on a user's behalf: it
// applies the ops (commitOps) only when the process may administer the network. In a Docker
// container without NET_ADMIN the kernel answers EPERM, and each tool words that its own way.
import { commitOps, type World } from '../docker/world';
import type { KernelOp } from '../kernel';
import type { ExecContext } from './types';

/** Whether the process has CAP_NET_ADMIN in its namespace (the host's root has). */
export function mayAdminNet(ctx: ExecContext): boolean {
  return ctx.capNetAdmin !== false;
}

/** commitOps, refused with EPERM (nothing applied) for a process without CAP_NET_ADMIN. */
export function commitAs(ctx: ExecContext, w: World, ops: readonly KernelOp[]): ReturnType<typeof commitOps> {
  if (!mayAdminNet(ctx)) return { ok: false, error: { errno: 'EPERM' }, step: 0, world: w };
  return commitOps(w, ops);
}
