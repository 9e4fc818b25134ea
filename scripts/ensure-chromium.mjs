#!/usr/bin/env node
// scripts/ensure-chromium.mjs — makes sure Debian's Chromium is at /usr/bin/chromium before the
// browser tests. Installs it with apt-get only when running as root; never downloads a browser
// any other way. Usable as a module (ensureChromium) or run directly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const INSTALL_HINT = 'sudo apt-get install -y chromium';

/**
 * Returns true when a command is found on PATH.
 * @param {string} name
 */
function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Runs a command with inherited output; returns true when it exits 0.
 * @param {string} command
 * @param {string[]} args
 */
function run(command, args) {
  console.log(`ensure-chromium: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/**
 * Ensures /usr/bin/chromium exists. Returns `{ ok: true }`, or `{ ok: false, message }` with the
 * exact command the user should run.
 * @returns {{ ok: true } | { ok: false, message: string }}
 */
export function ensureChromium() {
  if (existsSync(CHROMIUM_PATH)) return { ok: true };

  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && hasCommand('apt-get')) {
    console.log(`ensure-chromium: ${CHROMIUM_PATH} is missing; installing Debian's chromium package`);
    const installed = run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']);
    if (installed && existsSync(CHROMIUM_PATH)) return { ok: true };
    return {
      ok: false,
      message: `ensure-chromium: installing chromium with apt-get failed; ${CHROMIUM_PATH} is still missing.`,
    };
  }

  return {
    ok: false,
    message:
      `ensure-chromium: the browser tests need Debian's Chromium at ${CHROMIUM_PATH}, which is missing.\n` +
      `Install it with:\n\n    ${INSTALL_HINT}\n\nthen run the tests again.`,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outcome = ensureChromium();
  if (!outcome.ok) {
    console.error(outcome.message);
    process.exit(1);
  }
  console.log(`ensure-chromium: ${CHROMIUM_PATH} is present`);
}
