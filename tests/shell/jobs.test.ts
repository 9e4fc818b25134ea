// Background jobs on the host: `tcpdump … &` capturing the traffic of later lines, `jobs`, `kill`,
// `fg`, and bash's reports of ended jobs. Expected texts come from bash 5.2 and tcpdump 4.99 on
// Debian 12, typed into an interactive bash (script -c "bash -i") in a throwaway namespace:
//   tcpdump -i lo -n &      → "[1] 5804", then tcpdump's two banner lines on stderr
//   jobs                    → "[1]+  Running                 tcpdump -i lo -n &"
//   kill %1                 → tcpdump: "\n2 packets captured\n4 packets received by filter\n0 packets
//                             dropped by kernel"; bash, before the prompt after the NEXT line:
//                             "[1]+  Done                    tcpdump -i lo -n" (tcpdump exits 0 on TERM)
//   tcpdump -i lo -n -c 2 & then ping -c 1 127.0.0.1 → two "HH:MM:SS.uuuuuu IP 127.0.0.1 > 127.0.0.1:
//                             ICMP echo request, id 5976, seq 1, length 64" lines, "2 packets captured …"
//                             without the leading blank line, "[1]+  Done                    tcpdump -i lo -n -c 2"
//   echo hi & / (…; exit 3) & → "hi", then "[1]+  Done                    echo hi" after the next line;
//                             "[3]+  Exit 3                  ( sleep 0.1; exit 3 )"
//   fg (no job) → "bash: fg: current: no such job"; kill %3 → "bash: kill: %3: no such job";
//   jobs %3 → "bash: jobs: %3: no such job"; kill 99999 → "bash: kill: (99999) - No such process";
//   fg with a running tcpdump → prints "tcpdump -i lo -n" and waits in the foreground.
// PIDs, ids, times and addresses are the simulator's; the layout is the real one.
import { describe, expect, it } from 'vitest';
import { createWorld } from '../../src/docker/world';
import { runHostLine, type HostSession, type SessionEntry } from '../../src/shell/hostSession';
import { parse } from '../../src/shell/parse';

const BANNER =
  'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
  'listening on docker0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n';
const TS = String.raw`\d{2}:\d{2}:\d{2}\.\d{6}`;

function host(): HostSession {
  const s: HostSession = { world: createWorld({ seed: 3 }), history: [] };
  return runHostLine(s, 'docker run -d --name c1 hwchiu/netutils').session;
}

/** Runs lines in turn; returns every entry and the last session. */
function lines(...ls: string[]): { entries: SessionEntry[]; session: HostSession } {
  let s = host();
  const entries: SessionEntry[] = [];
  for (const l of ls) {
    const r = runHostLine(s, l);
    s = r.session;
    entries.push(r.entry);
  }
  return { entries, session: s };
}

const out = (e: SessionEntry, fd?: 1 | 2) =>
  e.output
    .filter((c) => fd === undefined || c.fd === fd)
    .map((c) => c.text)
    .join('');

describe('tcpdump &', () => {
  it('starts a job: [N] PID, then the banner; jobs lists it as bash does', () => {
    const { entries } = lines('tcpdump -i docker0 -n &', 'jobs');
    expect(out(entries[0]!, 2)).toMatch(/^\[1\] \d+\n/);
    expect(out(entries[0]!, 2).replace(/^\[1\] \d+\n/, '')).toBe(BANNER);
    expect(entries[0]!.status).toBe(0);
    expect(out(entries[1]!)).toBe('[1]+  Running                 tcpdump -i docker0 -n &\n');
  });

  it("prints the next lines' frames on its interface; -c ends it with the statistics and Done", () => {
    const { entries, session } = lines('tcpdump -i docker0 -n -c 2 &', 'ping -c 1 172.17.0.2', 'jobs');
    const ping = out(entries[1]!);
    const dumped = ping.split('\n').filter((l) => new RegExp(`^${TS} `).test(l));
    expect(dumped.map((l) => l.replace(new RegExp(`^${TS} `), ''))).toEqual([
      'ARP, Request who-has 172.17.0.2 tell 172.17.0.1, length 28',
      expect.stringMatching(/^ARP, Reply 172\.17\.0\.2 is-at ([0-9a-f]{2}:){5}[0-9a-f]{2}, length 28$/),
    ]);
    // ping's own lines are all there, and the job's report comes last, before the prompt.
    expect(ping).toContain('1 packets transmitted, 1 received, 0% packet loss');
    expect(out(entries[1]!, 2)).toMatch(
      /^2 packets captured\n\d+ packets received by filter\n0 packets dropped by kernel\n\[1\]\+ {2}Done {20}tcpdump -i docker0 -n -c 2\n$/,
    );
    expect(entries[1]!.output.at(-1)!.text).toBe('[1]+  Done                    tcpdump -i docker0 -n -c 2\n');
    expect(out(entries[2]!)).toBe('');
    expect(session.world.jobs).toEqual([]);
  });

  it('sees the echo request and reply when the host pings a container', () => {
    const { entries } = lines('tcpdump -i docker0 -n &', 'ping -c 2 172.17.0.2');
    const ip = out(entries[1]!, 1)
      .split('\n')
      .filter((l) => / IP /.test(l))
      .map((l) => l.replace(new RegExp(`^${TS} `), ''));
    expect(ip).toEqual([
      expect.stringMatching(/^IP 172\.17\.0\.1 > 172\.17\.0\.2: ICMP echo request, id (\d+), seq 1, length 64$/),
      expect.stringMatching(/^IP 172\.17\.0\.2 > 172\.17\.0\.1: ICMP echo reply, id \d+, seq 1, length 64$/),
      expect.stringMatching(/^IP 172\.17\.0\.1 > 172\.17\.0\.2: ICMP echo request, id \d+, seq 2, length 64$/),
      expect.stringMatching(/^IP 172\.17\.0\.2 > 172\.17\.0\.1: ICMP echo reply, id \d+, seq 2, length 64$/),
    ]);
    // Stamps only go forward, the ARP exchange first.
    const stamps = out(entries[1]!, 1)
      .split('\n')
      .flatMap((l) => new RegExp(`^(${TS}) `).exec(l)?.[1] ?? []);
    expect(stamps).toHaveLength(6);
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
    // The second echo's frames are written with it, a second later, after the first reply line.
    const seq2 = entries[1]!.output.find((c) => c.text.includes('seq 2'))!;
    expect(seq2.at).toBeGreaterThanOrEqual(1000);
  });

  it('shows the NATed echo of a container to the outside with both addresses right', () => {
    const { entries } = lines('tcpdump -i docker0 -n &', 'docker exec c1 ping -c 1 8.8.8.8');
    const ip = out(entries[1]!, 1)
      .split('\n')
      .filter((l) => / IP /.test(l))
      .map((l) => l.replace(new RegExp(`^${TS} `), '').replace(/id \d+/, 'id N'));
    expect(ip).toEqual([
      'IP 172.17.0.2 > 8.8.8.8: ICMP echo request, id N, seq 1, length 64',
      'IP 8.8.8.8 > 172.17.0.2: ICMP echo reply, id N, seq 1, length 64',
    ]);
  });

  it('kill %1: tcpdump prints its statistics at once, bash reports Done after the next line', () => {
    const { entries } = lines('tcpdump -i docker0 -n &', 'ping -c 1 172.17.0.2', 'kill %1', 'true', 'true');
    expect(out(entries[2]!)).toBe('\n4 packets captured\n4 packets received by filter\n0 packets dropped by kernel\n');
    expect(out(entries[3]!)).toBe('[1]+  Done                    tcpdump -i docker0 -n\n');
    expect(out(entries[4]!)).toBe('');
  });

  it('fg brings it to the foreground, where Ctrl+C ends it (the headless runner presses it)', () => {
    const { entries, session } = lines('tcpdump -i docker0 -n &', 'fg');
    expect(out(entries[1]!, 1)).toBe('tcpdump -i docker0 -n\n');
    expect(out(entries[1]!, 2)).toBe(
      '^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
    );
    expect(session.world.jobs).toEqual([]);
    // In the live terminal the end waits for Ctrl+C.
    const live = runHostLine(lines('tcpdump -i docker0 -n &').session, 'fg', { interruptAt: 4000 }).entry;
    expect(live.interrupted).toBe(true);
    expect(live.output.at(-1)!.at).toBe(4000);
  });

  it('a plain tcpdump in the foreground is unchanged', () => {
    const { entries } = lines('tcpdump -i docker0 -n');
    expect(out(entries[0]!, 2)).toBe(
      BANNER + '^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
    );
  });
});

describe("bash's job builtins", () => {
  it('a quick command run with & is reported after the next line; a failing one with its status', () => {
    const { entries } = lines('echo hi &', 'true', 'false &', 'true');
    expect(out(entries[0]!, 2)).toMatch(/^\[1\] \d+\n$/);
    expect(out(entries[0]!, 1)).toBe('hi\n');
    expect(out(entries[1]!)).toBe('[1]+  Done                    echo hi\n');
    expect(out(entries[3]!)).toBe('[1]+  Exit 1                  false\n');
  });

  it('numbers jobs one above the highest, and marks the current + and previous -', () => {
    const { entries } = lines('tcpdump -i docker0 -n &', 'tcpdump -i lo -n &', 'tcpdump -i lo -c 5 &', 'jobs');
    expect(out(entries[3]!)).toBe(
      '[1]   Running                 tcpdump -i docker0 -n &\n' +
        '[2]-  Running                 tcpdump -i lo -n &\n' +
        '[3]+  Running                 tcpdump -i lo -c 5 &\n',
    );
  });

  it('says so when there is no such job or process', () => {
    const { entries } = lines('fg', 'kill %3', 'jobs %3', 'kill 99999', 'kill');
    expect(entries.map((e) => [out(e), e.status])).toEqual([
      ['bash: fg: current: no such job\n', 1],
      ['bash: kill: %3: no such job\n', 1],
      ['bash: jobs: %3: no such job\n', 1],
      ['bash: kill: (99999) - No such process\n', 1],
      ['kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n', 2],
    ]);
  });

  it('a background tcpdump on a missing interface fails as a job', () => {
    const { entries } = lines('tcpdump -i nosuch &', 'true');
    expect(out(entries[0]!, 2)).toMatch(
      /^\[1\] \d+\ntcpdump: nosuch: No such device exists\n\(No such device exists\)\n$/,
    );
    expect(out(entries[1]!)).toBe('[1]+  Exit 1                  tcpdump -i nosuch\n');
  });

  it('replaying the same lines gives the same job table (it lives in the world)', () => {
    const a = lines('tcpdump -i docker0 -n &', 'ping -c 1 172.17.0.2');
    const b = lines('tcpdump -i docker0 -n &', 'ping -c 1 172.17.0.2');
    expect(a.session.world.jobs).toEqual(b.session.world.jobs);
    expect(a.session.world.jobs).toMatchObject([{ n: 1, text: 'tcpdump -i docker0 -n', capture: { captured: 4 } }]);
  });
});

describe('parsing &', () => {
  it('marks the and-or list before `&` as a background job, with its text as jobs shows it', () => {
    const r = parse('tcpdump  -i docker0   -n & ping -c 1 x; echo a && echo b &');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.list.items.map((i) => [i.background ?? false, i.text])).toEqual([
      [true, 'tcpdump -i docker0 -n'],
      [false, undefined],
      [true, 'echo a && echo b'],
    ]);
  });
});
