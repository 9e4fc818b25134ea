// tcpdump 4.99 (Debian 12). The banner, the statistics and the line formats were captured from the
// real tcpdump on the host end of a veth in throwaway namespaces while one "container" pinged and
// curled the other (the capture's ids, ports and sequence numbers differ; the layout does not).
import { describe, expect, it } from 'vitest';
import { linkByName, INIT_NET } from '../../src/kernel';
import { captureOn } from '../../src/shell/tools/tcpdump';
import { connect, pingTraffic } from '../../src/shell/tools/tcp';
import { run, trafficWorld } from './trafficWorld';

const w = trafficWorld([
  { op: 'bindSocket', netns: 'netns:2', proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'python3', pid: 7 },
]);
const TS = String.raw`\d{2}:\d{2}:\d{2}\.\d{6}`;

describe('tcpdump at the prompt', () => {
  it('listens, and reports nothing captured when interrupted', () => {
    expect(run(w, 'tcpdump -i eth0 -n')).toMatchObject({
      out: '',
      err:
        'tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n' +
        'listening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n' +
        '^C\n0 packets captured\n0 packets received by filter\n0 packets dropped by kernel\n',
      status: 0,
    });
  });
  it('refuses an unknown interface', () => {
    expect(run(w, 'tcpdump -i nosuch -n')).toMatchObject({
      err: 'tcpdump: nosuch: No such device exists\n(No such device exists)\n',
      status: 1,
    });
  });
});

describe('captureOn', () => {
  const veth2 = linkByName(w.kernel, INIT_NET, 'veth2')!.id;
  it('prints ARP and ICMP on the host end of the pinged container', () => {
    const { lines } = captureOn(w, veth2, (x) => pingTraffic(x, 'netns:1', '172.17.0.3', 2));
    const body = lines.map((l) => l.replace(new RegExp(`^${TS} `), ''));
    expect(lines.every((l) => new RegExp(`^${TS} `).test(l))).toBe(true);
    expect(body).toEqual([
      'ARP, Request who-has 172.17.0.3 tell 172.17.0.2, length 28',
      expect.stringMatching(/^ARP, Reply 172\.17\.0\.3 is-at ([0-9a-f]{2}:){5}[0-9a-f]{2}, length 28$/),
      'IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 1, seq 1, length 64',
      'IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 1, seq 1, length 64',
      'IP 172.17.0.2 > 172.17.0.3: ICMP echo request, id 1, seq 2, length 64',
      'IP 172.17.0.3 > 172.17.0.2: ICMP echo reply, id 1, seq 2, length 64',
    ]);
  });
  it('prints a refused connection as SYN then RST', () => {
    const { lines } = captureOn(w, veth2, (x) => connect(x, 'netns:1', '172.17.0.3', 81).traffic);
    const ip = lines.filter((l) => l.includes(' IP '));
    expect(ip[0]).toMatch(
      /IP 172\.17\.0\.2\.\d+ > 172\.17\.0\.3\.81: Flags \[S\], seq \d+, win 64240, options \[mss 1460,sackOK,TS val \d+ ecr 0,nop,wscale 7\], length 0$/,
    );
    expect(ip[1]).toMatch(/IP 172\.17\.0\.3\.81 > 172\.17\.0\.2\.\d+: Flags \[R\.\], seq 0, ack \d+, win 0, length 0$/);
  });
  it("sees only the flooded ARP broadcast of another port's traffic", () => {
    // docker0 floods the broadcast to every port; the unicast echo never reaches veth1.
    const veth1 = linkByName(w.kernel, INIT_NET, 'veth1')!.id;
    const { lines } = captureOn(w, veth1, (x) => pingTraffic(x, 'netns:2', '172.17.0.1', 1));
    expect(lines.map((l) => l.replace(new RegExp(`^${TS} `), ''))).toEqual([
      'ARP, Request who-has 172.17.0.1 tell 172.17.0.3, length 28',
    ]);
  });
});
