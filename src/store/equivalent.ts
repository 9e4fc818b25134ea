// store/equivalent.ts — the step player's command line for one kernel operation: the shell's
// own translation (shell/equivalent.ts), with Docker's anonymous namespaces named by their
// sandbox key, as the companion lab names them. Formats text only; changes no state.
import type { World } from '../docker/world';
import type { KernelOp, NetnsId } from '../kernel';
import { equivalentCommand, netnsLabel } from '../shell/equivalent';

/** The command line equivalent to one kernel operation, read against the world it is applied to. */
export function opToCommand(op: KernelOp, w: World): string {
  return (
    equivalentCommand(op, (ns: NetnsId) => netnsLabel(w, ns)) ?? '# no command of its own: the kernel does this itself'
  );
}
