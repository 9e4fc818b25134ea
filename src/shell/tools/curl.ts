// shell/tools/curl.ts — `curl` 7.88.1 (Debian 12) over the kernel's packet walk, http:// only.
// The servers it can reach are the model's listening sockets (nginx's welcome page, python3's
// http.server listing) and the simulated Internet's web hosts. Texts were read off the real curl.
// Keeps no state; never prints a progress meter to the terminal (stdout is a tty) unless -o is used.
import type { World } from '../../docker/world';
import { registerTool } from '../registry';
import type { ExecContext, Tool, ToolIO, ToolResult } from '../types';
import { connect, resolveHost, type ConnectResult } from './tcp';
import { isIPv6 } from './docker/validate';

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface CurlOpts {
  silent: boolean;
  showError: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  output?: string;
  writeOut?: string;
  connectTimeout?: number;
  url?: string;
  /** -6: resolve names to IPv6 addresses only. */
  ipv6?: boolean;
}

/** Options that take a value (short and long spellings). */
const WITH_ARG: Record<string, keyof CurlOpts | 'ignore'> = {
  '-o': 'output',
  '--output': 'output',
  '-w': 'writeOut',
  '--write-out': 'writeOut',
  '--connect-timeout': 'connectTimeout',
  '-m': 'ignore',
  '--max-time': 'ignore',
  '-H': 'ignore',
  '--header': 'ignore',
  '-A': 'ignore',
  '--user-agent': 'ignore',
  '-x': 'ignore',
  '-X': 'ignore',
  '--request': 'ignore',
};
const FLAGS: Record<string, keyof CurlOpts | 'ignore'> = {
  '-s': 'silent',
  '--silent': 'silent',
  '-S': 'showError',
  '--show-error': 'showError',
  '-I': 'head',
  '--head': 'head',
  '-i': 'include',
  '--include': 'include',
  '-v': 'verbose',
  '--verbose': 'verbose',
  '-L': 'ignore',
  '--location': 'ignore',
  '-4': 'ignore',
  '--ipv4': 'ignore',
  '-6': 'ipv6',
  '--ipv6': 'ipv6',
  '-f': 'ignore',
  '--fail': 'ignore',
};

function parseArgs(argv: string[]): CurlOpts | { error: string } {
  const o: CurlOpts = { silent: false, showError: false, head: false, include: false, verbose: false };
  const set = (key: keyof CurlOpts | 'ignore', value: string | true) => {
    if (key === 'ignore') return;
    if (key === 'connectTimeout') o.connectTimeout = Number(value);
    else (o as unknown as Record<string, unknown>)[key] = value;
  };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      if (a in FLAGS) set(FLAGS[a], true);
      else if (a in WITH_ARG) {
        if (i + 1 >= argv.length) return { error: `curl: option ${a}: requires parameter\n${TRY}` };
        set(WITH_ARG[a], argv[++i]);
      } else return { error: `curl: option ${a}: is unknown\n${TRY}` };
    } else if (a.startsWith('-') && a.length > 1) {
      // Bundled short options (-sI, -so FILE); one that takes a value ends the bundle.
      for (let j = 1; j < a.length; j++) {
        const f = `-${a[j]}`;
        if (f in FLAGS) set(FLAGS[f], true);
        else if (f in WITH_ARG) {
          const rest = a.slice(j + 1);
          if (rest) set(WITH_ARG[f], rest);
          else if (i + 1 < argv.length) set(WITH_ARG[f], argv[++i]);
          else return { error: `curl: option ${f}: requires parameter\n${TRY}` };
          break;
        } else return { error: `curl: option ${a}: is unknown\n${TRY}` };
      }
    } else o.url = a;
  }
  return o;
}

/** RFC 7231 date, as HTTP servers print it. */
function httpDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} GMT`;
}

interface HttpResponse {
  version: '1.0' | '1.1';
  status: string;
  headers: [string, string][];
  body: string;
}

/** /usr/share/nginx/html/index.html of the nginx:1.27 image (615 bytes). */
export const NGINX_INDEX =
  '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\n' +
  'body { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n' +
  '<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\n' +
  'working. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n' +
  '<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n' +
  '<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

const NGINX_VERSION = 'nginx/1.27.3';

function nginxResponse(path: string, now: number): HttpResponse {
  if (path === '/' || path === '/index.html')
    return {
      version: '1.1',
      status: '200 OK',
      headers: [
        ['Server', NGINX_VERSION],
        ['Date', httpDate(now)],
        ['Content-Type', 'text/html'],
        ['Content-Length', String(NGINX_INDEX.length)],
        // The index file's mtime in the 1.27.3 image; the ETag is mtime-size in hex.
        ['Last-Modified', 'Tue, 26 Nov 2024 15:55:00 GMT'],
        ['Connection', 'keep-alive'],
        ['ETag', '"6745ef54-267"'],
        ['Accept-Ranges', 'bytes'],
      ],
      body: NGINX_INDEX,
    };
  // ngx_http_special_response.c: error pages end their lines with CRLF.
  const body =
    '<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n' +
    `<hr><center>${NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
  return {
    version: '1.1',
    status: '404 Not Found',
    headers: [
      ['Server', NGINX_VERSION],
      ['Date', httpDate(now)],
      ['Content-Type', 'text/html'],
      ['Content-Length', String(body.length)],
      ['Connection', 'keep-alive'],
    ],
    body,
  };
}

/** The root directory of a Debian/Ubuntu-based container, as http.server lists it (sorted case-insensitively). */
const ROOT_ENTRIES: [string, 'dir' | 'link' | 'file'][] = [
  ['.dockerenv', 'file'],
  ['bin', 'link'],
  ['boot', 'dir'],
  ['dev', 'dir'],
  ['etc', 'dir'],
  ['home', 'dir'],
  ['lib', 'link'],
  ['lib64', 'link'],
  ['media', 'dir'],
  ['mnt', 'dir'],
  ['opt', 'dir'],
  ['proc', 'dir'],
  ['root', 'dir'],
  ['run', 'dir'],
  ['sbin', 'link'],
  ['srv', 'dir'],
  ['sys', 'dir'],
  ['tmp', 'dir'],
  ['usr', 'dir'],
  ['var', 'dir'],
];

function pythonResponse(path: string, now: number): HttpResponse {
  const server: [string, string] = ['Server', 'SimpleHTTP/0.6 Python/3.11.2'];
  if (path === '/') {
    // Python 3.11 http.server list_directory(): a directory gets "/", a symlink "@" (and "/" in the
    // link when it points at a directory, as /bin -> usr/bin does).
    const items = ROOT_ENTRIES.map(([n, t]) => {
      const href = t === 'file' ? n : `${n}/`;
      const shown = t === 'link' ? `${n}@` : t === 'dir' ? `${n}/` : n;
      return `<li><a href="${href}">${shown}</a></li>\n`;
    }).join('');
    const body =
      '<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for /</title>\n' +
      `</head>\n<body>\n<h1>Directory listing for /</h1>\n<hr>\n<ul>\n${items}</ul>\n<hr>\n</body>\n</html>\n`;
    return {
      version: '1.0',
      status: '200 OK',
      headers: [
        server,
        ['Date', httpDate(now)],
        ['Content-type', 'text/html; charset=utf-8'],
        ['Content-Length', String(body.length)],
      ],
      body,
    };
  }
  const body =
    '<!DOCTYPE HTML>\n<html lang="en">\n    <head>\n        <meta charset="utf-8">\n        <title>Error response</title>\n' +
    '    </head>\n    <body>\n        <h1>Error response</h1>\n        <p>Error code: 404</p>\n' +
    '        <p>Message: File not found.</p>\n        <p>Error code explanation: 404 - Nothing matches the given URI.</p>\n' +
    '    </body>\n</html>\n';
  return {
    version: '1.0',
    status: '404 File not found',
    headers: [
      server,
      ['Date', httpDate(now)],
      ['Connection', 'close'],
      ['Content-Type', 'text/html;charset=utf-8'],
      ['Content-Length', String(body.length)],
    ],
    body,
  };
}

const EXAMPLE_PAGE =
  '<!doctype html>\n<html>\n<head>\n    <title>Example Domain</title>\n\n    <meta charset="utf-8" />\n' +
  '    <meta http-equiv="Content-type" content="text/html; charset=utf-8" />\n' +
  '    <meta name="viewport" content="width=device-width, initial-scale=1" />\n</head>\n\n<body>\n<div>\n' +
  '    <h1>Example Domain</h1>\n    <p>This domain is for use in illustrative examples in documents. You may use this\n' +
  '    domain in literature without prior coordination or asking for permission.</p>\n' +
  '    <p><a href="https://www.iana.org/domains/example">More information...</a></p>\n</div>\n</body>\n</html>\n';

/** The simulated Internet's web servers: a short page at example.com, a redirect to https at github.com. */
function outsideResponse(ip: string, now: number): HttpResponse {
  if (ip === '140.82.112.3')
    return {
      version: '1.1',
      status: '301 Moved Permanently',
      headers: [
        ['Content-Length', '0'],
        ['Location', 'https://github.com/'],
      ],
      body: '',
    };
  return {
    version: '1.1',
    status: '200 OK',
    headers: [
      ['Content-Type', 'text/html; charset=UTF-8'],
      ['Date', httpDate(now)],
      ['Server', 'ECS (nyb/1D2E)'],
      ['Content-Length', String(EXAMPLE_PAGE.length)],
    ],
    body: EXAMPLE_PAGE,
  };
}

/** Splits a URL; an IPv6 host comes in brackets (`http://[::1]:8080/`) and is returned without them. */
function parseUrl(
  url: string,
): { scheme: string; host: string; port: number; path: string; bracketed: boolean } | undefined {
  const m = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(\[[^\]]*\]|[^/:?#]*)(?::(\d*))?([^?#]*)?/.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  const bracketed = m[2].startsWith('[');
  const host = bracketed ? m[2].slice(1, -1) : m[2];
  return { scheme, host, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/', bracketed };
}

/** curl's max5data(): a byte count or speed in at most 5 characters. */
function max5(n: number): string {
  const v = Math.floor(n);
  if (v < 100000) return String(v).padStart(5);
  if (v < 10000 * 1024) return `${String(Math.floor(v / 1024)).padStart(4)}k`;
  if (v < 100 * 1024 * 1024) {
    const mb = v / (1024 * 1024);
    return `${String(Math.floor(mb)).padStart(2)}.${Math.floor((mb * 10) % 10)}M`;
  }
  return `${String(Math.floor(v / (1024 * 1024))).padStart(4)}M`;
}

/** The progress meter curl writes to stderr when the body does not go to the terminal. */
function progressMeter(bytes: number, micros: number): string {
  const speed = max5(bytes / Math.max(micros / 1e6, 1e-6));
  const dashes = '--:--:-- --:--:-- --:--:--';
  return (
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
    '                                 Dload  Upload   Total   Spent    Left  Speed\n' +
    `\r  0     0    0     0    0     0      0      0 ${dashes}     0` +
    `\r100 ${max5(bytes)}  100 ${max5(bytes)}    0     0 ${speed}      0 ${dashes} ${speed}\n`
  );
}

function curl(world: World, argv: string[], io: ToolIO, ctx: ExecContext): ToolResult {
  const o = parseArgs(argv);
  // What -w prints; on a failed transfer curl still prints it, with response code 000 and no
  // remote address (checked with curl 7.88.1: `000||0|0`).
  const writeOut = (code: string, size: number, tried?: { ip: string; port: number }): string =>
    ('writeOut' in o ? (o.writeOut ?? '') : '')
      .replace(/%\{http_code\}|%\{response_code\}/g, code)
      .replace(/%\{remote_ip\}/g, tried?.ip ?? '')
      .replace(/%\{remote_port\}/g, String(tried?.port ?? 0))
      .replace(/%\{size_download\}/g, String(size))
      .replace(/\\n/g, '\n');
  const done = (stdout: string, stderr: string, status: number, w = world): ToolResult => ({
    // Status 2 is an option error: curl stops before any transfer and prints no -w text.
    stdout:
      status !== 0 && status !== 2 && 'writeOut' in o && o.writeOut !== undefined
        ? stdout + writeOut('000', 0)
        : stdout,
    stderr,
    status,
    world: w,
  });
  if ('error' in o) return done('', o.error, 2);
  if (!o.url) return done('', TRY, 2);
  const u = parseUrl(o.url);
  if (!u || u.scheme !== 'http')
    // TLS is not modelled: https:// is refused as if this curl were built without it.
    return done('', `curl: (1) Protocol "${u?.scheme ?? o.url}" not supported or disabled in libcurl\n`, 1);
  // The terminal is a tty: curl 7.88 prints header names in bold there (-I, -i); piped, it does not.
  const tty = (io as ToolIO & { stdoutIsTty?: boolean }).stdoutIsTty === true;
  const quietErrors = o.silent && !o.showError;
  let err = '';
  const fail = (code: number, msg: string, w = world) => {
    if (o.verbose) err += `* ${msg}\n* Closing connection 0\n`;
    if (!quietErrors) err += `curl: (${code}) ${msg}\n`;
    return done('', err, code, w);
  };
  // An IPv6 literal stands for itself; with -6, localhost is ::1 (/etc/hosts) and other names
  // have no IPv6 address in this model.
  const v6Literal = u.bracketed && isIPv6(u.host);
  if (u.bracketed && !v6Literal) return fail(3, 'URL using bad/illegal format or missing URL');
  const target = v6Literal
    ? { ip: u.host }
    : o.ipv6
      ? u.host === 'localhost'
        ? { ip: '::1', name: 'localhost' }
        : undefined
      : resolveHost(u.host, world, ctx);
  if (!target) return fail(6, `Could not resolve host: ${u.host}`);
  const shownHost = u.host;
  const tryLine = (ip: string) => `*   Trying ${ip.includes(':') ? `[${ip}]` : ip}:${u.port}...\n`;
  if (o.verbose) err += tryLine(target.ip);
  let c = connect(world, ctx.netns, target.ip, u.port);
  // localhost is ::1 as well: after a refusal on 127.0.0.1, curl tries it.
  if (c.result.kind === 'refused' && target.ip === '127.0.0.1' && u.host === 'localhost' && !o.ipv6) {
    const again = connect(c.traffic.world, ctx.netns, '::1', u.port);
    if (again.result.kind === 'connected') {
      if (o.verbose) err += `* connect to 127.0.0.1 port ${u.port} failed: Connection refused\n${tryLine('::1')}`;
      target.ip = '::1';
      c = again;
    }
  }
  let w = c.traffic.world;
  const r: ConnectResult = c.result;
  const timeoutMs = o.connectTimeout !== undefined ? Math.round(o.connectTimeout * 1000) : undefined;
  const advance = (ms: number) => ({ ...w, clock: w.clock + ms });
  const timedOut = (ms: number) => {
    // curl's own connect timer fires first: "(28) … Timeout was reached".
    if (o.verbose) err += `* ipv4 connect timeout after ${ms}ms, move on!\n`;
    return fail(
      28,
      `Failed to connect to ${shownHost} port ${u.port} after ${ms + 1} ms: Timeout was reached`,
      advance(ms + 1),
    );
  };
  const couldnt = (ms: number, why?: string, code = 7) => {
    if (o.verbose && why) err += why;
    return fail(
      code,
      `Failed to connect to ${shownHost} port ${u.port} after ${ms} ms: Couldn't connect to server`,
      advance(ms),
    );
  };
  switch (r.kind) {
    case 'no-route':
      return couldnt(0, `* Immediate connect fail for ${target.ip}: Network is unreachable\n`);
    case 'refused': {
      let why = `* connect to ${target.ip} port ${u.port} failed: Connection refused\n`;
      // localhost resolves to ::1 as well; nothing listens there either (sockets are IPv4 here).
      if (target.ip === '127.0.0.1' && u.host === 'localhost')
        why += `*   Trying [::1]:${u.port}...\n* connect to ::1 port ${u.port} failed: Connection refused\n`;
      return couldnt(0, why);
    }
    case 'host-unreachable':
      // Three unanswered ARP probes, one a second, then EHOSTUNREACH.
      if (timeoutMs !== undefined && timeoutMs <= 3068) return timedOut(timeoutMs);
      return couldnt(3068, `* connect to ${target.ip} port ${u.port} failed: No route to host\n`);
    case 'timeout':
      if (timeoutMs !== undefined && timeoutMs < 127000) return timedOut(timeoutMs);
      // tcp_syn_retries=6: the kernel gives up after 1+2+4+…+64 = 127 s. connect()'s ETIMEDOUT is
      // exit status 28 in curl 7.88.1, with the same words: measured with the SYN dropped by the
      // server's INPUT chain and by the sender's own OUTPUT chain (EPERM on each SYN), alike.
      return couldnt(127000, `* connect to ${target.ip} port ${u.port} failed: Connection timed out\n`, 28);
    case 'connected':
      break;
  }
  if (o.verbose) err += `* Connected to ${shownHost} (${target.ip}) port ${u.port} (#0)\n`;
  const hostName = u.bracketed ? `[${u.host}]` : u.host;
  const hostHeader = u.port === 80 ? hostName : `${hostName}:${u.port}`;
  const method = o.head ? 'HEAD' : 'GET';
  if (o.verbose)
    err += `> ${method} ${u.path} HTTP/1.1\r\n> Host: ${hostHeader}\r\n> User-Agent: curl/7.88.1\r\n> Accept: */*\r\n> \r\n`;
  const now = w.clock;
  let resp: HttpResponse | undefined;
  if (r.kind === 'connected' && r.outside) resp = outsideResponse(r.outside, now);
  else if (r.kind === 'connected' && r.socket?.process === 'nginx') resp = nginxResponse(u.path, now);
  else if (r.kind === 'connected' && r.socket?.process === 'python3') resp = pythonResponse(u.path, now);
  if (!resp) {
    // A listener that is no web server (nc) closes without a word in this simulator.
    w = advance(1);
    if (o.verbose) err += '* Empty reply from server\n* Closing connection 0\n';
    if (!quietErrors) err += 'curl: (52) Empty reply from server\n';
    return done('', err, 52, w);
  }
  const statusLine = `HTTP/${resp.version} ${resp.status}`;
  const bold = (name: string) => (tty ? `\x1b[1m${name}\x1b[0m` : name);
  const headerText = (prefix: string, styled: boolean) =>
    `${prefix}${statusLine}\r\n` +
    resp!.headers.map(([k, v]) => `${prefix}${styled ? bold(k) : k}: ${v}\r\n`).join('') +
    `${prefix}\r\n`;
  if (o.verbose) {
    if (resp.version === '1.0') err += '* HTTP 1.0, assume close after body\n';
    err += headerText('< ', false);
  }
  const body = o.head ? '' : resp.body;
  let out = '';
  if (o.head || o.include) out += headerText('', true);
  out += body;
  if (o.output !== undefined) {
    // No file system here: -o FILE discards the body (as -o /dev/null does).
    out = '';
    if (!o.silent && !o.verbose) err += progressMeter(body.length, c.micros);
  }
  if (o.verbose)
    err +=
      resp.version === '1.0' ? '* Closing connection 0\n' : '* Connection #0 to host ' + shownHost + ' left intact\n';
  if (o.writeOut !== undefined) {
    out += writeOut(resp.status.split(' ')[0], body.length, { ip: target.ip, port: u.port });
  }
  return done(out, err, 0, advance(1));
}

registerTool('curl', curl as Tool, ['host', 'netutils']);
