// shell/tools/ip/common.ts — what every `ip` object shares: the run's context, iproute2's keyword
// abbreviation rule, its error helpers (which end the run with exit()'s status), and the one
// path by which `ip` changes the kernel (commitOps). Must not format listings.
import type { World } from '../../../docker/world';
import { commitAs } from '../../caps';
import { runNetnsEntries } from '../../files';
import type { KernelError, KernelOp, KernelState, Link, NetnsId } from '../../../kernel';
import { linkByName } from '../../../kernel';
import type { ExecContext } from '../../types';

export interface IpOptions {
  json: boolean;
  pretty: boolean;
  brief: boolean;
  details: number;
  stats: number;
  /** -4 / -6 (0: both). */
  family: 0 | 4 | 6;
  oneline: boolean;
}

/** One invocation of `ip`: its world (replaced on each commit), namespace, options and output. */
export interface IpRun {
  world: World;
  ns: NetnsId;
  ctx: ExecContext;
  opts: IpOptions;
  stdout: string;
  stderr: string;
}

/** Thrown inside the tool to end the run like exit(status); caught at the tool's entry. */
export class IpExit {
  constructor(readonly status: number) {}
}

export function kernel(run: IpRun): KernelState {
  return run.world.kernel;
}

/** iproute2's matches(): `arg` is a non-empty prefix of `keyword`. */
export function matches(arg: string, keyword: string): boolean {
  return arg.length > 0 && keyword.startsWith(arg);
}

/** Writes to stderr and ends the run. exit(-1) in iproute2 is status 255. */
export function die(run: IpRun, message: string, status: number): never {
  run.stderr += message;
  throw new IpExit(status);
}

export function invarg(run: IpRun, msg: string, arg: string): never {
  return die(run, `Error: argument "${arg}" is wrong: ${msg}\n`, 255);
}

export function duparg(run: IpRun, key: string, arg: string): never {
  return die(run, `Error: duplicate "${key}": "${arg}" is the second value.\n`, 255);
}

export function duparg2(run: IpRun, key: string, arg: string): never {
  return die(run, `Error: either "${key}" is duplicate, or "${arg}" is a garbage.\n`, 255);
}

export function incomplete(run: IpRun): never {
  return die(run, 'Command line is not complete. Try option "help"\n', 255);
}

/** check_ifname(): shorter than IFNAMSIZ (16), no '/', no blanks. */
export function validIfname(name: string): boolean {
  return name.length > 0 && name.length < 16 && !/[/\s]/.test(name);
}

/** `Cannot find device "X"` (ll_name_to_index failed), status 1. */
export function findDev(run: IpRun, name: string): Link {
  const l = linkByName(kernel(run), run.ns, name);
  if (!l) return die(run, `Cannot find device "${name}"\n`, 1);
  return l;
}

import { strerror } from '../../strerror';

/** How a failed request reads: an extended-ack message, or the errno text. */
export type ErrorText = { extack: string } | { errno: string };

/** The text iproute2 prints for a failed netlink request. */
export function rtnlMessage(e: ErrorText): string {
  return 'extack' in e ? `Error: ${e.extack}.\n` : `RTNETLINK answers: ${strerror(e.errno)}\n`;
}

/**
 * Applies kernel operations through commitOps. On failure the request's error is printed the
 * way iproute2 prints a netlink error (status 2); `explain` turns the model's error into the
 * kernel's extended ack where the real kernel sends one.
 */
export function commit(
  run: IpRun,
  ops: KernelOp[],
  explain?: (e: KernelError, step: number) => ErrorText | undefined,
): void {
  const r = commitAs(run.ctx, run.world, ops);
  run.world = r.world;
  if (r.ok) return;
  const text = explain?.(r.error, r.step) ?? defaultExplain(r.error);
  die(run, rtnlMessage(text), 2);
}

/** Model details that are the kernel's own extack messages (the rest name an argument). */
const EXTACK_DETAILS = new Set([
  'mtu less than device minimum',
  'mtu greater than device maximum',
  'Can not enslave a bridge to a bridge',
  'Nexthop has invalid gateway',
]);

function defaultExplain(e: KernelError): ErrorText {
  if (e.detail && EXTACK_DETAILS.has(e.detail)) return { extack: e.detail };
  return { errno: e.errno };
}

/** A namespace by its /run/netns name (which may be Docker's directory, through a symlink). */
export function netnsNamed(run: IpRun, name: string): NetnsId | undefined {
  return runNetnsEntries(run.world).find((e) => e.name === name)?.ns;
}
