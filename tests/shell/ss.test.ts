// ss and netstat over the namespace's sockets. Every expected text below was captured verbatim
// from iproute2 6.1 ss and net-tools netstat in a throwaway namespace on Debian 12, with the same
// sockets bound in the same order (nc -l 8080, nc -l 127.0.0.1 9000, python3 -m http.server 80,
// nc -ul 5353); the pids are the ones the real processes had.
import { describe, expect, it } from 'vitest';
import type { KernelOp } from '../../src/kernel';
import { renderColumns } from '../../src/shell/tools/ss';
import { run, trafficWorld } from './trafficWorld';

const sock = (proto: 'tcp' | 'udp', addr: string, port: number, process: string, pid: number): KernelOp => ({
  op: 'bindSocket',
  netns: 'netns:2',
  proto,
  addr,
  port,
  process,
  pid,
});
const w = trafficWorld([
  sock('tcp', '0.0.0.0', 8080, 'nc', 16117),
  sock('udp', '0.0.0.0', 5353, 'nc', 16119),
  sock('tcp', '127.0.0.1', 9000, 'nc', 16122),
  sock('tcp', '0.0.0.0', 80, 'python3', 14453),
]);
const ss = (line: string) => run(w, line, 'netns:2');

describe('ss', () => {
  it('sizes -tlnp columns from content; the last row does not widen Process', () => {
    expect(ss('ss -tlnp').out).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                       \n' +
        'LISTEN 0      1            0.0.0.0:8080      0.0.0.0:*    users:(("nc",pid=16117,fd=3))\n' +
        'LISTEN 0      1          127.0.0.1:9000      0.0.0.0:*    users:(("nc",pid=16122,fd=3))\n' +
        'LISTEN 0      5            0.0.0.0:80        0.0.0.0:*    users:(("python3",pid=14453,fd=3))\n',
    );
  });
  it('pads the empty Process column without -p', () => {
    expect(ss('ss -tln').out).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'LISTEN 0      1            0.0.0.0:8080      0.0.0.0:*          \n' +
        'LISTEN 0      1          127.0.0.1:9000      0.0.0.0:*          \n' +
        'LISTEN 0      5            0.0.0.0:80        0.0.0.0:*          \n',
    );
  });
  it('shows UDP sockets as UNCONN', () => {
    expect(ss('ss -ulnp').out).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n' +
        'UNCONN 0      0            0.0.0.0:5353      0.0.0.0:*    users:(("nc",pid=16119,fd=3))\n',
    );
  });
  it('names well-known ports without -n', () => {
    expect(ss('ss -tl').out).toBe(
      'State  Recv-Q Send-Q Local Address:Port     Peer Address:PortProcess\n' +
        'LISTEN 0      1            0.0.0.0:http-alt      0.0.0.0:*          \n' +
        'LISTEN 0      1          127.0.0.1:9000          0.0.0.0:*          \n' +
        'LISTEN 0      5            0.0.0.0:http          0.0.0.0:*          \n',
    );
  });
  it('prints only the header for connected sockets (none exist here)', () => {
    expect(ss('ss').out).toBe('Netid State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });
  it('spreads spare width over the columns on an 80-column terminal', () => {
    // Captured under `script` with `stty cols 80`, sockets 127.0.0.1:9000 (nc) and 0.0.0.0:80 (python3).
    const cols = [
      'Netid',
      'State',
      'Recv-Q',
      'Send-Q',
      'Local Address:',
      'Port',
      'Peer Address:',
      'Port',
      'Process',
      '',
    ];
    const columns = cols.map((header, i) => ({
      header,
      align: (i === 4 || i === 6 ? 'right' : 'left') as 'left' | 'right',
      ldelim: [1, 2, 3, 4, 6].includes(i) ? ' ' : '',
      disabled: i === 0,
    }));
    const tokens = [
      ...cols.slice(1, 9),
      '',
      ...['LISTEN', '0     ', '1     ', '127.0.0.1:', '9000', '0.0.0.0:', '*', ' users:(("nc",pid=16122,fd=3))', ''],
      ...['LISTEN', '0     ', '5     ', '0.0.0.0:', '80', '0.0.0.0:', '*', ' users:(("python3",pid=14453,fd=3))'],
    ];
    const lines = renderColumns(columns, tokens, 80).split('\n');
    expect(lines[0]).toBe(
      `State     Recv-Q    Send-Q       Local Address:Port        Peer Address:Port    Process${' '.repeat(73)}`,
    );
    expect(lines[1]).toBe(
      `LISTEN    0         1                127.0.0.1:9000             0.0.0.0:*        users:(("nc",pid=16122,fd=3))${' '.repeat(50)}`,
    );
    expect(lines[2]).toBe(
      `LISTEN    0         5                  0.0.0.0:80               0.0.0.0:*        users:(("python3",pid=14453,fd=3))${' '.repeat(45)}`,
    );
  });
});

describe('netstat', () => {
  it('prints fixed columns with PID/Program name', () => {
    expect(ss('netstat -tlnp').out).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n' +
        'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      16117/nc            \n' +
        'tcp        0      0 127.0.0.1:9000          0.0.0.0:*               LISTEN      16122/nc            \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      14453/python3       \n',
    );
  });
  it('prints -tln without the program column', () => {
    expect(ss('netstat -tln').out).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN     \n' +
        'tcp        0      0 127.0.0.1:9000          0.0.0.0:*               LISTEN     \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \n',
    );
  });
  it('resolves names without -n and adds the UNIX section when no protocol is chosen', () => {
    expect(ss('netstat -tl').out).toContain(
      'tcp        0      0 localhost:9000          0.0.0.0:*               LISTEN     \n',
    );
    expect(ss('netstat -lnp').out).toBe(
      'Active Internet connections (only servers)\n' +
        'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n' +
        'tcp        0      0 0.0.0.0:8080            0.0.0.0:*               LISTEN      16117/nc            \n' +
        'tcp        0      0 127.0.0.1:9000          0.0.0.0:*               LISTEN      16122/nc            \n' +
        'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      14453/python3       \n' +
        'udp        0      0 0.0.0.0:5353            0.0.0.0:*                           16119/nc            \n' +
        'Active UNIX domain sockets (only servers)\n' +
        'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n',
    );
  });
});
