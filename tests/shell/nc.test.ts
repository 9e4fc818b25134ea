// nc (netcat-openbsd 1.219, Debian 12). Expected texts captured from the real nc in throwaway
// namespaces with python3 -m http.server on 172.17.0.3:80 and nothing on 79, 81.
import { describe, expect, it } from 'vitest';
import { run, trafficWorld } from './trafficWorld';

const w = trafficWorld([
  { op: 'bindSocket', netns: 'netns:2', proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'python3', pid: 7 },
]);

describe('nc -z', () => {
  it('reports success and refusals on stderr, per port of a range', () => {
    expect(run(w, 'nc -zv 172.17.0.3 79-81')).toMatchObject({
      out: '',
      err:
        'nc: connect to 172.17.0.3 port 79 (tcp) failed: Connection refused\n' +
        'Connection to 172.17.0.3 80 port [tcp/http] succeeded!\n' +
        'nc: connect to 172.17.0.3 port 81 (tcp) failed: Connection refused\n',
      status: 0,
    });
  });
  it('fails with status 1 when nothing connects', () => {
    expect(run(w, 'nc -zv 172.17.0.3 81')).toMatchObject({
      err: 'nc: connect to 172.17.0.3 port 81 (tcp) failed: Connection refused\n',
      status: 1,
    });
  });
  it('is silent without -v', () => {
    expect(run(w, 'nc -z 172.17.0.3 80')).toMatchObject({ out: '', err: '', status: 0 });
  });
  it('cannot connect without a route', () => {
    expect(run(w, 'nc -zv 172.17.0.3 80', 'netns:3').err).toBe(
      'nc: connect to 172.17.0.3 port 80 (tcp) failed: Network is unreachable\n',
    );
  });
  it('wants a port', () => {
    expect(run(w, 'nc -zv 172.17.0.3')).toMatchObject({ err: 'nc: missing port number\n', status: 1 });
  });
});

describe('nc -l', () => {
  it('binds a socket that ss lists and clients reach', () => {
    const bound = run(w, 'nc -l 8080', 'netns:2');
    expect(bound).toMatchObject({ out: '', err: '', status: 0 });
    expect(bound.world.kernel.netns['netns:2'].sockets.map((s) => [s.process, s.port])).toContainEqual(['nc', 8080]);
    expect(run(bound.world, 'nc -zv 172.17.0.3 8080').err).toBe(
      'Connection to 172.17.0.3 8080 port [tcp/http-alt] succeeded!\n',
    );
  });
  it('reports a port in use and an address it does not have', () => {
    expect(run(w, 'nc -l 80', 'netns:2')).toMatchObject({ err: 'nc: Address already in use\n', status: 1 });
    expect(run(w, 'nc -l 172.17.0.99 8082', 'netns:2')).toMatchObject({
      err: 'nc: Cannot assign requested address\n',
      status: 1,
    });
  });
});
