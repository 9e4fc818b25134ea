// Conformance ping checks: small topologies built on real network namespaces (a bridge in the
// host stand-in with two namespaces on it, a namespace with only lo) and in the simulator; a
// real `ping -c1 -W1` between the test's own namespaces must answer, or fail the same way
// (exit status 0 reply, 1 no reply, 2 no route), exactly where the simulator's ping does.
// Only addresses inside the test's namespaces are pinged. Root only, skipped loudly elsewhere
// (never with CI set), like the rest of the suite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realUnavailableReason, runReal, sweepLeftovers } from './real';
import type { RunRecord, Script } from './script';
import { loadSimulator, runSim } from './sim';

const unavailable = await realUnavailableReason();
const inCI = Boolean(process.env.CI);
const skip = unavailable !== undefined && !inCI;
if (skip)
  console.warn(`\n!! CONFORMANCE PING CHECKS SKIPPED: ${unavailable}. The simulator's ping is NOT being checked.\n`);

/** br0 (10.77.0.1/24 and 10.88.0.1/24) in the host; ns1 = .2 and ns2 = .3 on it; lonely has lo only. */
const TOPOLOGY = [
  'ip link set lo up',
  'ip link add br0 type bridge',
  'ip link set br0 address 02:00:00:00:77:01',
  'ip addr add 10.77.0.1/24 dev br0',
  'ip addr add 10.88.0.1/24 dev br0',
  'ip link set br0 up',
  'ip netns add ns1',
  'ip netns add ns2',
  'ip netns add lonely',
  'ip -n lonely link set lo up',
  ...[1, 2].flatMap((n) => [
    `ip link add vh${n} type veth peer name eth0 netns ns${n}`,
    `ip link set vh${n} master br0`,
    `ip link set vh${n} up`,
    `ip -n ns${n} link set lo up`,
    `ip -n ns${n} addr add 10.77.0.${n + 1}/24 dev eth0`,
    `ip -n ns${n} link set eth0 up`,
    `ip -n ns${n} route add default via 10.77.0.1`,
  ]),
];

/** A line after which the real side waits for carrier to settle (the harness settles before compared lines). */
const SETTLE = 'ip -n ns1 route show # compare: stdout';

const ping = (ns: string, dst: string) => `ip netns exec ${ns} ping -c1 -W1 ${dst}`;

interface Case {
  name: string;
  lines: string[];
}

const CASES: Case[] = [
  {
    name: 'ping-bridge',
    lines: [
      SETTLE,
      ping('ns1', '10.77.0.3'),
      ping('ns2', '10.77.0.2'),
      ping('ns1', '10.77.0.1'),
      ping('ns1', '10.88.0.1'),
      ping('lonely', '10.77.0.1'),
      ping('lonely', '127.0.0.1'),
      ping('ns1', '10.99.0.1'),
    ],
  },
  {
    name: 'ping-veth-down',
    lines: [
      SETTLE,
      ping('ns1', '10.77.0.3'),
      'ip link set vh2 down',
      SETTLE,
      ping('ns1', '10.77.0.3'),
      ping('ns2', '10.77.0.1'),
    ],
  },
  {
    name: 'ping-nomaster',
    lines: [
      SETTLE,
      ping('ns1', '10.77.0.3'),
      'ip link set vh2 nomaster',
      SETTLE,
      ping('ns1', '10.77.0.3'),
      ping('ns2', '10.77.0.1'),
    ],
  },
  {
    name: 'ping-delif',
    lines: [SETTLE, 'brctl delif br0 vh1', SETTLE, ping('ns1', '10.77.0.3'), ping('ns2', '10.77.0.2')],
  },
  {
    name: 'ping-no-default-route',
    lines: [SETTLE, 'ip -n ns1 route del default', ping('ns1', '10.88.0.1'), ping('ns1', '10.77.0.1')],
  },
];

function toScript(c: Case): Script {
  const all = [...TOPOLOGY, ...c.lines];
  return {
    name: c.name,
    about: c.name,
    netns: ['ns1', 'ns2', 'lonely'],
    lines: all.map((l, i) => {
      const compare = l.endsWith(' # compare: stdout');
      return {
        text: compare ? l.slice(0, -' # compare: stdout'.length) : l,
        lineNo: i + 1,
        compareStdout: compare,
        unordered: false,
      };
    }),
  };
}

/** What decides "answers or not": the exit status and ping's "N received" (or its error). */
function verdict(r: { status: number; stdout: string; stderr: string }): string {
  const received = /(\d+) received/.exec(r.stdout)?.[1];
  return `status ${r.status}, ${received !== undefined ? `${received} received` : r.stderr.trim() || 'no summary'}`;
}

describe.skipIf(skip)('conformance: ping between namespaces, real kernel vs simulator', () => {
  const real = new Map<string, RunRecord>();

  beforeAll(async () => {
    if (unavailable !== undefined) throw new Error(`ping checks cannot run although CI is set: ${unavailable}`);
    await sweepLeftovers(false);
    // One script at a time, like the main suite; indexes after its scripts' keep names apart.
    for (const [i, c] of CASES.entries()) real.set(c.name, await runReal(toScript(c), 900 + i));
  }, 120_000);

  afterAll(async () => {
    if (unavailable === undefined) await sweepLeftovers(true);
  });

  for (const c of CASES) {
    it(`${c.name}: every ping answers or fails as on the real kernel`, async () => {
      const sim = runSim(await loadSimulator(), toScript(c));
      const got = real.get(c.name)!;
      const rows: string[] = [];
      got.lines.forEach((r, i) => {
        const s = sim.lines[i]!;
        if (!r.line.includes(' ping ')) {
          // Set-up lines must succeed on both sides, or the comparison means nothing.
          expect.soft(`${r.line}: real ${r.status}, sim ${s.status}`).toBe(`${r.line}: real 0, sim 0`);
          return;
        }
        rows.push(`${r.line}: real ${verdict(r)} | sim ${verdict(s)}`);
      });
      const same = rows.filter((row) => {
        const [real1, sim1] = row.split(' | ');
        return real1!.split(': real ')[1] === sim1!.replace(/^sim /, '');
      });
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.filter((r) => !same.includes(r))).toEqual([]);
    });
  }
});
