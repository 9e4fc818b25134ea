// `iptables` (1.8.9, nf_tables) on the Docker host's nat table. Expected texts were recorded
// from the real iptables 1.8.9 in a throwaway namespace holding Docker v27's nat rules
// (CAPTURE iptables-save-v27.txt), including its error texts and exit statuses.
import { describe, expect, it } from 'vitest';
import { play, shown } from './session';

const HEADER = 'target     prot opt source               destination         \n';

describe('iptables -t nat', () => {
  const p = play([
    'iptables -t nat -S',
    'iptables -t nat -L POSTROUTING -n',
    'iptables -t nat -L POSTROUTING',
    'iptables -t nat -I POSTROUTING -s 10.1.2.3/16 ! -o br1 -j MASQUERADE',
    'iptables -t nat -S POSTROUTING',
    'iptables -t nat -D POSTROUTING -s 10.1.0.0/16 ! -o br1 -j MASQUERADE',
    'iptables -t nat -D POSTROUTING -s 10.1.0.0/16 ! -o br1 -j MASQUERADE',
    'iptables -t nat -L FOO',
    'iptables -t nat -F FOO',
    'iptables',
  ]);
  const out = p.entries.map(shown);
  const status = p.entries.map((e) => e.status);

  it('lists policies, the DOCKER chain and the rules in chain order', () => {
    expect(out[0]).toBe(
      '-P PREROUTING ACCEPT\n-P INPUT ACCEPT\n-P OUTPUT ACCEPT\n-P POSTROUTING ACCEPT\n-N DOCKER\n' +
        '-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER\n' +
        '-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER\n' +
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n' +
        '-A DOCKER -i docker0 -j RETURN\n',
    );
  });

  it('prints -L with numbers (-n) or names', () => {
    expect(out[1]).toBe(
      `Chain POSTROUTING (policy ACCEPT)\n${HEADER}MASQUERADE  0    --  172.17.0.0/16        0.0.0.0/0           \n`,
    );
    expect(out[2]).toBe(
      `Chain POSTROUTING (policy ACCEPT)\n${HEADER}MASQUERADE  all  --  172.17.0.0/16        anywhere            \n`,
    );
  });

  it('inserts at the head (the source masked to its prefix) and deletes by specification', () => {
    expect(out[4]).toBe(
      '-P POSTROUTING ACCEPT\n-A POSTROUTING -s 10.1.0.0/16 ! -o br1 -j MASQUERADE\n' +
        '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE\n',
    );
    expect([out[5], status[5]]).toEqual(['', 0]);
    expect([out[6], status[6]]).toEqual(['iptables: Bad rule (does a matching rule exist in that chain?).\n', 1]);
  });

  it('words errors as iptables 1.8.9 does', () => {
    expect([out[7], status[7]]).toEqual([
      "iptables v1.8.9 (nf_tables): chain `FOO' in table `nat' is incompatible, use 'nft' tool.\n",
      1,
    ]);
    expect([out[8], status[8]]).toEqual(['iptables: No chain/target/match by that name.\n', 1]);
    expect([out[9], status[9]]).toEqual([
      "iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.\n",
      2,
    ]);
  });
});
