// docker/images.ts — the images this simulated host has pulled already (so `docker run` prints
// no pull progress), with what matters to the simulator: the command they run, the programs
// they carry (a shell toolset) and what their process does. Pure data; no formatting.
/** The programs an image carries; the shell maps it to its toolset of the same name. */
export type ImageToolset = 'netutils' | 'busybox' | 'nginx' | 'pause';

export interface Image {
  /** Repository as `docker images` lists it. */
  repository: string;
  tag: string;
  /** Full sha256 image id (64 hex). */
  id: string;
  /** Image creation time, ms since the epoch. */
  created: number;
  /** Size in bytes, as the daemon reports it. */
  size: number;
  entrypoint: string[];
  cmd: string[];
  /** The programs the image's file system holds, as a shell toolset. */
  toolset: ImageToolset;
  /** EXPOSE of the image. */
  exposed: string[];
  /**
   * How its default process behaves: runs until stopped (`forever`), or exits at once when it
   * has no terminal on stdin (a shell such as busybox's `sh`).
   */
  process: 'forever' | 'shell';
  /** The sockets its default process binds when it starts (none for most images). */
  listens: readonly ImageListen[];
}

/** A listening socket an image's process opens at start (bind() + listen()). */
export interface ImageListen {
  proto: 'tcp' | 'udp';
  addr: string;
  port: number;
  /** The process name `ss -p` shows. */
  process: string;
  /** An IPv6 socket that takes no IPv4 traffic (nginx's `listen [::]:80` defaults to ipv6only=on). */
  v6only?: boolean;
}

// hwchiu/netutils: FROM ubuntu:16.04 with net-tools, iproute2, ping, curl …; its ENTRYPOINT is
// ["/bin/bash", "./entrypoint.bash"], a loop printing "Hello! N secs elapsed..." every second.
// busybox/alpine run `sh` (exits at once without -i/-t); nginx runs its entrypoint + nginx.
// Ids, sizes and dates are those of one pull of each image; they differ between hosts.
export const IMAGES: readonly Image[] = [
  {
    repository: 'hwchiu/netutils',
    tag: 'latest',
    id: 'sha256:8a5bc1cdd8f3c7b02ab4f0d0a39f7c9bd2b4d6f8cc2d8f2a2e7ae7dbe3d1f0a4',
    created: Date.UTC(2020, 8, 14, 3, 22, 10),
    size: 248_735_412,
    entrypoint: ['/bin/bash', './entrypoint.bash'],
    cmd: [],
    toolset: 'netutils',
    exposed: [],
    process: 'forever',
    // entrypoint.bash only prints and sleeps: no socket.
    listens: [],
  },
  {
    repository: 'busybox',
    tag: 'latest',
    id: 'sha256:f5fb98a6ea2b1c5f6d3c4b7a8e0d9c2b1a6f7e8d9c0b1a2f3e4d5c6b7a8f9e0d',
    created: Date.UTC(2020, 8, 9, 1, 20, 31),
    size: 1_231_733,
    entrypoint: [],
    cmd: ['sh'],
    toolset: 'busybox',
    exposed: [],
    process: 'shell',
    listens: [],
  },
  {
    repository: 'alpine',
    tag: 'latest',
    id: 'sha256:a24bb4013296f61e89ba57005a7b3e52274d8edd3ae2077d04395f806b63d83e',
    created: Date.UTC(2020, 4, 29, 21, 19, 46),
    size: 5_574_716,
    entrypoint: [],
    cmd: ['/bin/sh'],
    toolset: 'busybox',
    exposed: [],
    process: 'shell',
    listens: [],
  },
  {
    repository: 'nginx',
    tag: 'latest',
    id: 'sha256:f35646e83998b844c3f067e5a2cff84cdf0967627031aeda3042d78996b68d35',
    created: Date.UTC(2020, 9, 13, 10, 39, 24),
    size: 132_847_206,
    entrypoint: ['/docker-entrypoint.sh'],
    cmd: ['nginx', '-g', 'daemon off;'],
    toolset: 'nginx',
    exposed: ['80/tcp'],
    process: 'forever',
    // default.conf: `listen 80;`, and the entrypoint's 10-listen-on-ipv6-by-default.sh adds
    // `listen [::]:80;`, which nginx opens with ipv6only=on: ss shows 0.0.0.0:80 and [::]:80.
    listens: [
      { proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'nginx' },
      { proto: 'tcp', addr: '::', port: 80, process: 'nginx', v6only: true },
    ],
  },
  {
    // The pod sandbox ("infra") image kubelet starts first in every pod: a static binary, /pause,
    // that only waits for a signal, so the image carries no shell and no other program (toolset
    // `pause` has none) and opens no socket. 3.2 is the tag kubelet 1.18-1.20 (the dockershim
    // era, and this host's 2020 clock) started; registry.k8s.io/pause:3.9 is its later name and
    // version. Id prefix and size as `docker images` listed the amd64 image (80d28bedfe5d, 683kB).
    repository: 'k8s.gcr.io/pause',
    tag: '3.2',
    id: 'sha256:80d28bedfe5dec59da9ebf8e6260224ac9008ab5c11dbbe16ee3ba3e4439ac2c',
    created: Date.UTC(2020, 1, 12, 23, 15, 54),
    size: 682_696,
    entrypoint: ['/pause'],
    cmd: [],
    toolset: 'pause',
    exposed: [],
    process: 'forever',
    listens: [],
  },
];

/** Splits a reference into repository and tag (`latest` when none is given). */
export function splitReference(ref: string): { repository: string; tag: string } {
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

/** The local image a reference names (`busybox`, `busybox:latest`, `docker.io/library/busybox`, an id prefix). */
export function findImage(ref: string): Image | undefined {
  const { repository, tag } = splitReference(ref);
  const repo = repository.replace(/^docker\.io\//, '').replace(/^library\//, '');
  const byName = IMAGES.find((i) => i.repository === repo && i.tag === tag);
  if (byName) return byName;
  const hex = ref.replace(/^sha256:/, '');
  if (/^[0-9a-f]{4,64}$/.test(hex)) return IMAGES.find((i) => i.id.slice(7).startsWith(hex));
  return undefined;
}
