// scenario/tour.ts — the guided tour of Docker's four network modes, as data: each step names its
// texts by catalogue key (the words live in ui/i18n), the command lines it runs, what it
// highlights and, at some steps, a predict-then-check question whose answer is computed from the
// model's result (the world after the line, its output and status), never stored. Pure.
import type { World } from '../docker/world';
import { INIT_NET } from '../kernel/query';
import { appContainerName, CNI_PRESET, POD_PRESET, sandboxName } from './presets';

/** The article the tour follows (its facts and order; the texts are our own). */
export const TOUR_SOURCE_URL = 'https://www.hwchiu.com/docker-network-model.html';

/** One command line of a step, and the exit status it is expected to end with. */
export interface TourLine {
  line: string;
  /** Expected exit status (0 when absent): some lines show a failure on purpose. */
  status?: number;
}

/** What a step points at in both panes, by name; resolved to scene keys against a world. */
export type TourHighlight = { container: string } | { hostLink: string } | { host: true };

/** The result of a question's line, read from the store after it ran. */
export interface LineResult {
  world: World;
  output: string;
  status: number;
}

export interface TourQuestion {
  id: string;
  /** Index into the step's lines: the line whose result answers the question. */
  line: number;
  /** Choice ids; their labels are `q.<id>.<choice>` in the catalogue, or the id itself if `literal`. */
  choices: readonly string[];
  literal?: boolean;
  /** Which choice the model's result makes true (null: none of them). */
  check(r: LineResult): string | null;
}

export interface TourStep {
  /** Texts are `tour.<id>.title`, `tour.<id>.body` and `tour.<id>.uses` (when `uses`). */
  id: string;
  lines: readonly TourLine[];
  highlight: readonly TourHighlight[];
  uses: boolean;
  question?: TourQuestion;
}

const IMAGE = 'hwchiu/netutils';

/** Interface names in `ip link`/`ip addr` output, in order (`4: eth0@if5: <…>` gives `eth0`). */
export function linkNamesIn(output: string): string[] {
  const names: string[] = [];
  for (const m of output.matchAll(/^\d+: ([^:@\s]+)[@:]/gm)) names.push(m[1]);
  return names;
}

function containerNamed(w: World, name: string) {
  return Object.values(w.docker.containers).find((c) => c.name === name);
}

/** The steps, in order. Every line is the article's command or a small addition to observe. */
export const TOUR: readonly TourStep[] = [
  {
    id: 'intro',
    lines: [{ line: 'ip link' }, { line: 'docker network ls' }],
    highlight: [{ host: true }, { hostLink: 'docker0' }],
    uses: false,
  },
  {
    id: 'none',
    lines: [
      { line: `docker run --network=none -d --name none ${IMAGE}` },
      { line: 'docker exec none ifconfig -a' },
      // iputils ping: no route at all → "connect: Network is unreachable", exit status 2.
      { line: 'docker exec none ping -c 1 -W 1 8.8.8.8', status: 2 },
    ],
    highlight: [{ container: 'none' }],
    uses: true,
    question: {
      id: 'none-reach',
      line: 2,
      choices: ['yes', 'no'],
      check: (r) => (r.status === 0 ? 'yes' : 'no'),
    },
  },
  {
    id: 'host',
    lines: [{ line: `docker run --network=host -d --name host ${IMAGE}` }, { line: 'docker exec host ip link' }],
    highlight: [{ container: 'host' }, { host: true }],
    uses: true,
    question: {
      id: 'host-links',
      line: 1,
      choices: ['lo', 'lo-eth0', 'host'],
      check: (r) => {
        const seen = linkNamesIn(r.output);
        const hostNames = Object.values(r.world.kernel.links)
          .filter((l) => l.netns === INIT_NET)
          .map((l) => l.name);
        if (seen.length === hostNames.length && hostNames.every((n) => seen.includes(n))) return 'host';
        if (seen.join(' ') === 'lo') return 'lo';
        if (seen.join(' ') === 'lo eth0') return 'lo-eth0';
        return null;
      },
    },
  },
  {
    id: 'bridge',
    lines: [
      { line: `docker run --network=bridge -d --name bridge ${IMAGE}` },
      { line: 'docker exec bridge ip addr' },
      { line: 'brctl show' },
    ],
    highlight: [{ container: 'bridge' }, { hostLink: 'docker0' }],
    uses: true,
  },
  {
    id: 'bridge2',
    lines: [
      { line: `docker run --network=bridge -d --name bridge2 ${IMAGE}` },
      { line: 'docker exec bridge2 ip addr show eth0' },
      { line: 'brctl show' },
    ],
    highlight: [{ container: 'bridge2' }, { hostLink: 'docker0' }],
    uses: false,
    question: {
      id: 'bridge2-addr',
      line: 0,
      choices: ['172.17.0.1', '172.17.0.2', '172.17.0.3', '172.18.0.2'],
      literal: true,
      check: (r) => containerNamed(r.world, 'bridge2')?.endpoint?.ip ?? null,
    },
  },
  {
    id: 'container',
    lines: [
      { line: `docker run --network=container:bridge -d --name co_container ${IMAGE}` },
      { line: 'docker exec co_container ip addr' },
      // A web server for bridge's namespace: nginx joins it the same way (the pod pattern, in small).
      { line: 'docker run --network=container:bridge -d --name web nginx' },
      { line: "docker exec co_container curl -s -o /dev/null -w '%{http_code}\\n' localhost" },
    ],
    highlight: [{ container: 'co_container' }, { container: 'bridge' }, { container: 'web' }],
    uses: true,
    question: {
      id: 'co-curl',
      line: 3,
      choices: ['yes', 'no'],
      // curl(1): exit 0 with a status code means a server answered; 7 is "failed to connect".
      check: (r) => (r.status === 0 && /^\d{3}\s*$/.test(r.output) ? 'yes' : r.status === 7 ? 'no' : null),
    },
  },
  {
    id: 'pods',
    lines: [{ line: "docker inspect -f '{{.HostConfig.NetworkMode}}' co_container" }, { line: 'docker ps' }],
    highlight: [{ container: 'co_container' }, { container: 'bridge' }],
    uses: false,
  },
  // Beyond the article: the pod preset (a pause container, two containers joined to it), then the
  // CNI bridge plugin's plumbing typed as ip lines, next to docker0: the same bridge-and-veth pattern.
  {
    id: 'cni',
    lines: [
      ...POD_PRESET.lines.map((line) => ({ line })),
      { line: `docker exec ${appContainerName('tools')} curl -s -o /dev/null -w '%{http_code}\\n' localhost` },
      ...CNI_PRESET.lines.map((line) => ({ line })),
      { line: 'brctl show' },
    ],
    highlight: [{ container: sandboxName() }, { hostLink: 'cni0' }, { hostLink: 'docker0' }],
    uses: false,
  },
];

/** The scene keys (in both panes) a step's highlights point at, in the given world. */
export function tourHighlightKeys(w: World, hs: readonly TourHighlight[]): string[] {
  const keys: string[] = [];
  for (const h of hs) {
    if ('host' in h) keys.push(INIT_NET);
    else if ('hostLink' in h) {
      const l = Object.values(w.kernel.links).find((x) => x.netns === INIT_NET && x.name === h.hostLink);
      if (l) keys.push(l.id);
    } else {
      const c = containerNamed(w, h.container);
      if (c) {
        keys.push(`ctr:${c.id}`);
        if (c.netns && c.netns !== INIT_NET) keys.push(c.netns);
      }
    }
  }
  return keys;
}
