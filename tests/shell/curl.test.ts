// curl 7.88.1 over the packet walk. Expected texts were captured from the real curl in throwaway
// namespaces on Debian 12 (a bridge with two "containers", python3 -m http.server on 172.17.0.3:80);
// the Date header is the simulated clock's (the capture's own date differs, nothing else does).
import { describe, expect, it } from 'vitest';
import { NGINX_INDEX } from '../../src/shell/tools/curl';
import { run, trafficWorld } from './trafficWorld';

const w = trafficWorld([
  { op: 'bindSocket', netns: 'netns:1', proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'nginx', pid: 1 },
  { op: 'bindSocket', netns: 'netns:2', proto: 'tcp', addr: '0.0.0.0', port: 80, process: 'python3', pid: 7 },
]);
const DATE = 'Mon, 26 Oct 2020 00:14:22 GMT';

describe('curl errors', () => {
  it('is refused by a port nobody listens on (RST)', () => {
    expect(run(w, 'curl http://172.17.0.3:81/')).toMatchObject({
      out: '',
      err: "curl: (7) Failed to connect to 172.17.0.3 port 81 after 0 ms: Couldn't connect to server\n",
      status: 7,
    });
  });
  it('still prints -w on a failed transfer, with code 000 and no remote address', () => {
    // Real curl 7.88.1 in a throwaway namespace, nothing listening on 127.0.0.1:81:
    // `curl -s -o /dev/null -w '%{http_code}|%{remote_ip}|%{remote_port}|%{size_download}\n'` printed `000||0|0`, exit 7.
    expect(
      run(
        w,
        "curl -s -o /dev/null -w '%{http_code}|%{remote_ip}|%{remote_port}|%{size_download}\\n' http://172.17.0.3:81/",
      ),
    ).toMatchObject({ out: '000||0|0\n', err: '', status: 7 });
  });
  it('says nothing with -s but keeps the exit code', () => {
    expect(run(w, 'curl -s http://172.17.0.3:81/')).toMatchObject({ out: '', err: '', status: 7 });
  });
  it('explains the refusal with -v', () => {
    expect(run(w, 'curl -v http://172.17.0.3:81/').err).toBe(
      '*   Trying 172.17.0.3:81...\n' +
        '* connect to 172.17.0.3 port 81 failed: Connection refused\n' +
        "* Failed to connect to 172.17.0.3 port 81 after 0 ms: Couldn't connect to server\n" +
        '* Closing connection 0\n' +
        "curl: (7) Failed to connect to 172.17.0.3 port 81 after 0 ms: Couldn't connect to server\n",
    );
  });
  it('cannot resolve an unknown name', () => {
    expect(run(w, 'curl http://nosuch.example/')).toMatchObject({
      err: 'curl: (6) Could not resolve host: nosuch.example\n',
      status: 6,
    });
  });
  it('times out on an address nobody answers, with --connect-timeout', () => {
    expect(run(w, 'curl -v --connect-timeout 3 http://172.17.0.10/')).toMatchObject({
      err:
        '*   Trying 172.17.0.10:80...\n' +
        '* ipv4 connect timeout after 3000ms, move on!\n' +
        '* Failed to connect to 172.17.0.10 port 80 after 3001 ms: Timeout was reached\n' +
        '* Closing connection 0\n' +
        'curl: (28) Failed to connect to 172.17.0.10 port 80 after 3001 ms: Timeout was reached\n',
      status: 28,
    });
  });
  it('fails at once without a route (none mode)', () => {
    expect(run(w, 'curl -v http://172.17.0.3/', 'netns:3').err).toBe(
      '*   Trying 172.17.0.3:80...\n' +
        '* Immediate connect fail for 172.17.0.3: Network is unreachable\n' +
        "* Failed to connect to 172.17.0.3 port 80 after 0 ms: Couldn't connect to server\n" +
        '* Closing connection 0\n' +
        "curl: (7) Failed to connect to 172.17.0.3 port 80 after 0 ms: Couldn't connect to server\n",
    );
  });
  it('tries ::1 after 127.0.0.1 for localhost', () => {
    expect(run(w, 'curl -v http://localhost/', 'netns:3').err).toBe(
      '*   Trying 127.0.0.1:80...\n' +
        '* connect to 127.0.0.1 port 80 failed: Connection refused\n' +
        '*   Trying [::1]:80...\n' +
        '* connect to ::1 port 80 failed: Connection refused\n' +
        "* Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n" +
        '* Closing connection 0\n' +
        "curl: (7) Failed to connect to localhost port 80 after 0 ms: Couldn't connect to server\n",
    );
  });
  it('rejects unknown options as curl does', () => {
    expect(run(w, 'curl --bogus http://a/')).toMatchObject({
      err: "curl: option --bogus: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n",
      status: 2,
    });
  });
});

describe('curl against servers', () => {
  it('gets python3 http.server headers with -I (CRLF line ends, HTTP/1.0)', () => {
    expect(run(w, 'curl -sI http://172.17.0.3/').out).toMatch(
      /^HTTP\/1\.0 200 OK\r\nServer: SimpleHTTP\/0\.6 Python\/3\.11\.2\r\nDate: Mon, 26 Oct 2020 00:14:22 GMT\r\nContent-type: text\/html; charset=utf-8\r\nContent-Length: \d+\r\n\r\n$/,
    );
  });
  it('shows a python3 404 with -v exactly as captured', () => {
    const r = run(w, 'curl -v http://172.17.0.3/x');
    expect(r.err).toBe(
      '*   Trying 172.17.0.3:80...\n' +
        '* Connected to 172.17.0.3 (172.17.0.3) port 80 (#0)\n' +
        '> GET /x HTTP/1.1\r\n> Host: 172.17.0.3\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n' +
        '* HTTP 1.0, assume close after body\n' +
        '< HTTP/1.0 404 File not found\r\n' +
        '< Server: SimpleHTTP/0.6 Python/3.11.2\r\n' +
        `< Date: ${DATE}\r\n` +
        '< Connection: close\r\n' +
        '< Content-Type: text/html;charset=utf-8\r\n' +
        '< Content-Length: 335\r\n' +
        '< \r\n' +
        '* Closing connection 0\n',
    );
    expect(r.out.length).toBe(335);
    expect(r.out).toContain('        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n');
  });
  it("serves nginx's 615-byte welcome page", () => {
    const r = run(w, 'curl http://172.17.0.2/');
    expect(r.status).toBe(0);
    expect(r.out).toBe(NGINX_INDEX);
    expect(NGINX_INDEX.length).toBe(615);
  });
  it('prints only the status code with -s -o /dev/null -w', () => {
    expect(run(w, "curl -s -o /dev/null -w '%{http_code}' http://172.17.0.2/")).toMatchObject({ out: '200', err: '' });
  });
  it('reaches the outside world through NAT', () => {
    expect(run(w, 'curl -sI http://example.com/').out).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
  it('exists in the netutils image but not in nginx', () => {
    expect(run(w, 'curl -s http://172.17.0.2/', 'netns:1', 'nginx').status).toBe(127);
  });
});
