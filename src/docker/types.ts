// docker/types.ts — the Docker daemon's records as plain, JSON-serialisable data: containers,
// networks (with their IPAM state) and sandboxes. No behaviour lives here; the engine
// (engine.ts) plans changes to them and the shell formats them.
import type { KernelOp } from '../kernel/ops';
import type { NetnsId } from '../kernel/types';

export type ContainerStatus = 'created' | 'running' | 'exited';

/** `-p [IP:]HOST:CONTAINER[/proto]` as given on the command line. */
export interface PortBinding {
  hostIp: string;
  hostPort: string;
  containerPort: string;
  proto: 'tcp' | 'udp';
}

/** A port the daemon published at the container's start, with the docker-proxy serving it. */
export interface PublishedPort {
  hostIp: string;
  hostPort: number;
  containerPort: number;
  proto: 'tcp' | 'udp';
  /** Host PID of the docker-proxy listening on the host port. */
  proxyPid: number;
}

/** What `docker run`/`create` asked for, kept verbatim for inspect and for later starts. */
export interface ContainerConfig {
  image: string;
  /** The command the container runs: the image's ENTRYPOINT + (CMD or the run arguments). */
  cmd: string[];
  /** `--network` as typed (`bridge` when absent); `container:X` is rewritten to the target's full id at create. */
  networkMode: string;
  hostname?: string;
  dns: string[];
  addHost: string[];
  expose: string[];
  ports: PortBinding[];
  /** `-P`: every port the image (or --expose) exposes gets an ephemeral host port. */
  publishAll?: boolean;
  links: string[];
  macAddress?: string;
  ip?: string;
  /** `--network-alias` for the primary network (user-defined networks only). */
  aliases?: string[];
  /** Networks joined with `docker network connect`, in the order they were connected. */
  connected?: NetworkAttachment[];
  autoRemove: boolean;
  /** `--privileged`, or `--cap-add NET_ADMIN`/`ALL`: its processes may change the network. */
  netAdmin?: boolean;
  /** `--privileged`: besides every capability, /proc/sys is mounted read-write (else read-only). */
  privileged?: boolean;
  tty: boolean;
  interactive: boolean;
}

/** A bridge-network attachment (a libnetwork endpoint) while the container runs. */
export interface Endpoint {
  networkId: string;
  endpointId: string;
  ip: string;
  prefixlen: number;
  gateway: string;
  mac: string;
  /** Host side of the veth pair (`veth` + 7 hex). */
  hostVeth: string;
  /** The name the container end was born with, before it became `ifname`. */
  tmpName: string;
  ifname: string;
  /** Names the embedded DNS answers with this endpoint's address (`--network-alias`). */
  aliases?: string[];
}

/** A network a container is attached to besides its primary one (`docker network connect`). */
export interface NetworkAttachment {
  /** The network's full id. */
  networkId: string;
  aliases: string[];
  /** `--ip` given to connect: reserved again at every start. */
  ip?: string;
}

/** A libnetwork sandbox: the network namespace Docker made (and bind-mounted) for a container. */
export interface Sandbox {
  id: string;
  /** First 12 hex of the sandbox id, or `default` for host mode (/var/run/docker/netns/KEY). */
  key: string;
  netns: NetnsId;
  /** The endpoint of a host/none sandbox (bridge endpoints carry their own). */
  endpointId?: string;
}

/** One period during which the container's process ran. */
export interface RunPeriod {
  startedAt: number;
  finishedAt?: number;
  /** How it ended: stopped by docker stop (SIGTERM), killed by rm -f, or exited by itself. */
  end?: 'stop' | 'kill' | 'exit';
  /**
   * The process could not bind a listening socket (EADDRINUSE) and exited: which address it
   * tried, and whether the holder also held the IPv6 twin (`[::]:PORT`, as nginx binds both).
   */
  bindFailed?: { addr: string; port: number; v6: boolean };
}

export interface Container {
  id: string;
  name: string;
  /** Creation order (the clock may not move between two creates). */
  seq: number;
  created: number;
  config: ContainerConfig;
  status: ContainerStatus;
  exitCode: number;
  /** Hostname the container's UTS namespace has (copied from the target in `container:` mode). */
  hostname: string;
  /** Host PID of its main process while running (/proc/PID/ns/net). */
  pid?: number;
  /** Where its processes live while running: its own sandbox's netns, init_net, or a target's. */
  netns?: NetnsId;
  sandbox?: Sandbox;
  endpoint?: Endpoint;
  /** Endpoints of the networks connected later (eth1, eth2, …) while the container runs. */
  extraEndpoints?: Endpoint[];
  /** Ports published at this start (`-p`, `-P`), while the container runs. */
  published?: PublishedPort[];
  runs: RunPeriod[];
  /** Extra output of the process (beyond what its image prints by itself), e.g. a `run` command's output. */
  output: string;
  /** The kernel operations of this container's last start, in order (the step player's source). */
  plumbing: KernelOp[];
}

export type NetworkDriver = 'bridge' | 'host' | 'null';

export interface Network {
  id: string;
  name: string;
  driver: NetworkDriver;
  created: number;
  /** Bridge networks: the Linux bridge, subnet, gateway and addresses handed out. */
  bridge?: string;
  subnet?: string;
  gateway?: string;
  /** IPAM: container addresses in use, in no particular order. */
  allocated: string[];
  options: Record<string, string>;
  /** `--internal`: no route out (no MASQUERADE, no default route in its containers). */
  internal?: boolean;
  /** The subnet came from `--subnet` (only then may containers ask for `--ip`). */
  userSubnet?: boolean;
}
