// traceroute 2.1.2 (Debian 12). Layouts captured from the real tool in throwaway namespaces
// (a "container" behind a forwarding "host"); times come from the walk, so they match by shape.
import { describe, expect, it } from 'vitest';
import { run, trafficWorld } from './trafficWorld';

const w = trafficWorld();
const T = String.raw`\d+\.\d{3} ms`;

describe('traceroute', () => {
  it('shows one hop for a neighbour on the same bridge', () => {
    expect(run(w, 'traceroute -n 172.17.0.3').out).toMatch(
      new RegExp(
        `^traceroute to 172\\.17\\.0\\.3 \\(172\\.17\\.0\\.3\\), 30 hops max, 60 byte packets\n 1  172\\.17\\.0\\.3  ${T}  ${T}  ${T}\n$`,
      ),
    );
  });
  it('shows the host (docker0) as the first router on the way out, then the gateway', () => {
    const out = run(w, 'traceroute -n 8.8.8.8').out.split('\n');
    expect(out[0]).toBe('traceroute to 8.8.8.8 (8.8.8.8), 30 hops max, 60 byte packets');
    expect(out[1]).toMatch(new RegExp(`^ 1  172\\.17\\.0\\.1  ${T}  ${T}  ${T}$`));
    expect(out[2]).toMatch(new RegExp(`^ 2  172\\.31\\.16\\.1  ${T}  ${T}  ${T}$`));
    expect(out[3]).toBe(' 3  * * *');
    // 8.8.8.8 answers with TTL 117 (128 - 11 routers from the host), so it is hop 13 from a container.
    expect(out[13]).toMatch(new RegExp(`^13  8\\.8\\.8\\.8  ${T}  ${T}  ${T}$`));
  });
  it('names hops as "name (address)" without -n', () => {
    expect(run(w, 'traceroute 8.8.8.8').out).toMatch(/\n13 {2}dns\.google \(8\.8\.8\.8\) {2}/);
    expect(run(w, 'traceroute 8.8.8.8').out).toMatch(/\n 1 {2}172\.17\.0\.1 \(172\.17\.0\.1\) {2}/);
  });
  it('prints its header unterminated when connect() fails for lack of a route', () => {
    expect(run(w, 'traceroute -n 10.99.0.1', 'netns:3')).toMatchObject({
      out: 'traceroute to 10.99.0.1 (10.99.0.1), 30 hops max, 60 byte packets',
      err: 'connect: Network is unreachable\n',
      status: 1,
    });
  });
  it('fills the remaining hops with stars when the probe is lost', () => {
    const out = run(w, 'traceroute -n -m 5 10.98.0.1').out;
    expect(out).toMatch(
      /^traceroute to 10\.98\.0\.1 \(10\.98\.0\.1\), 5 hops max, 60 byte packets\n 1 {2}172\.17\.0\.1 /,
    );
    expect(out).toMatch(/\n 3 {2}\* \* \*\n 4 {2}\* \* \*\n 5 {2}\* \* \*\n$/);
  });
});
