// The files a process reads through `cat`: /etc/hosts (dockerd's tab-separated layout, facts §8,
// from moby etchosts.go), /etc/hostname and /sys/class/net/IF/{ifindex,iflink,address}, which the
// kernel fills from the link (iflink of a veth is its peer's ifindex, veth_get_iflink).
import { describe, expect, it } from 'vitest';
import { linkByName } from '../../src/kernel';
import { ctr, session } from './hostSession';

const V6 =
  '::1\tlocalhost ip6-localhost ip6-loopback\nfe00::\tip6-localnet\nff00::\tip6-mcastprefix\n' +
  'ff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n';

describe('files inside containers', () => {
  it('/etc/hosts of a bridge container ends with its address and 12-hex hostname', () => {
    const s = session();
    s.run('docker run -d --name web hwchiu/netutils');
    const c = ctr(s.w(), 'web');
    expect(s.run('docker exec web cat /etc/hosts')).toEqual({
      out: `127.0.0.1\tlocalhost\n${V6}172.17.0.2\t${c.id.slice(0, 12)}\n`,
      err: '',
      status: 0,
    });
  });

  it('puts --add-host lines before the container line', () => {
    const s = session();
    s.run('docker run -d --name web --add-host db:10.0.0.5 hwchiu/netutils');
    const c = ctr(s.w(), 'web');
    expect(s.run('docker exec web cat /etc/hosts').out).toBe(
      `127.0.0.1\tlocalhost\n${V6}10.0.0.5\tdb\n172.17.0.2\t${c.hostname}\n`,
    );
  });

  it('gives a container: joiner the target’s hosts file and hostname', () => {
    const s = session();
    s.run('docker run -d --name web hwchiu/netutils');
    s.run('docker run -d --name side --network container:web hwchiu/netutils');
    expect(s.run('docker exec side cat /etc/hosts').out).toBe(s.run('docker exec web cat /etc/hosts').out);
    expect(s.run('docker exec side cat /etc/hostname').out).toBe(`${ctr(s.w(), 'web').hostname}\n`);
  });

  it('reads ifindex, iflink (the peer’s ifindex) and address from /sys/class/net', () => {
    const s = session();
    s.run('docker run -d --name web hwchiu/netutils');
    const c = ctr(s.w(), 'web');
    const eth0 = linkByName(s.w().kernel, c.netns!, 'eth0')!;
    const peer = s.w().kernel.links[eth0.peer!]!;
    expect(s.run('docker exec web cat /sys/class/net/eth0/ifindex').out).toBe(`${eth0.ifindex}\n`);
    expect(s.run('docker exec web cat /sys/class/net/eth0/iflink').out).toBe(`${peer.ifindex}\n`);
    expect(s.run('docker exec web cat /sys/class/net/eth0/address').out).toBe('02:42:ac:11:00:02\n');
    // lo is not a pair: its iflink is its own ifindex.
    expect(s.run('docker exec web cat /sys/class/net/lo/iflink').out).toBe('1\n');
    expect(s.run(`cat /sys/class/net/${peer.name}/iflink`).out).toBe(`${eth0.ifindex}\n`);
  });

  it('says a file is missing as coreutils cat does (status 1)', () => {
    const s = session();
    expect(s.run('cat /etc/nothing')).toEqual({
      out: '',
      err: 'cat: /etc/nothing: No such file or directory\n',
      status: 1,
    });
    expect(s.run('cat /sys/class/net/eth9/ifindex').status).toBe(1);
  });

  it('gives the host its own hosts file and hostname', () => {
    const s = session();
    expect(s.run('cat /etc/hostname').out).toBe(`${s.w().hostname}\n`);
    expect(s.run('cat /etc/hosts').out).toMatch(
      new RegExp(`^127\\.0\\.0\\.1\\tlocalhost\\n127\\.0\\.1\\.1\\t${s.w().hostname}\\n`),
    );
  });
});
