import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from './runtimes.ts';
import { appBrowserFlags, writeLaunchPage } from './start.ts';

/**
 * The Chromium that `delineate start` opens must not reach for the network on its own. Before its flags
 * had a host resolver rule, such a Chromium looked up Google's autofill, accounts, update, optimization
 * guide and time servers many times a minute. Here Chromium runs with exactly the app's command line
 * (appBrowserFlags, plus --headless) on a loopback page with a form, under strace, and every network call
 * of every one of its processes is checked:
 * - no DNS: nothing sent to or connected to port 53, no connection to nscd's socket;
 * - no TCP connection but to loopback;
 * - no datagram sent but to loopback.
 * A UDP connect() to a non-loopback address is allowed when nothing is sent on that socket: it sends no
 * packet (it only asks the kernel for a route), and Chromium's host resolver makes one to 2001:4860:4860::8888
 * to learn whether IPv6 is reachable, whatever the flags.
 */

const traceSeconds = 12;

interface Finding {
  readonly why: string;
  readonly line: string;
}

function isLoopback(address: string): boolean {
  return /^127\./.test(address) || address === '::1' || /^::ffff:127\./.test(address) || address === '0.0.0.0' || address === '::';
}

/** strace -yy lines: `connect(23<UDP:[inode]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.1")}, 16)`. */
function networkFindings(trace: string): Finding[] {
  const findings: Finding[] = [];
  for (const line of trace.split('\n')) {
    const call = /\b(connect|sendto|sendmsg|sendmmsg)\((\d+)(<.*?\]>)?/.exec(line);
    if (!call) continue;
    const [, name, , socket = ''] = call;
    const address = /inet_addr\("([^"]+)"\)/.exec(line)?.[1] ?? /inet_pton\(AF_INET6, "([^"]+)"/.exec(line)?.[1];
    const port = /htons\((\d+)\)/.exec(line)?.[1];
    // A connected socket's peer, as -yy prints it: `<UDP:[10.0.0.2:41234->10.255.255.53:53]>`, `<UDPv6:[[::1]:1->[::2]:2]>`.
    const peer = /->\[?([0-9a-fA-F:.]+?)\]?:(\d+)\]>/.exec(socket);
    if (port === '53' || peer?.[2] === '53') findings.push({ why: 'DNS query', line });
    else if (/nscd/.test(line)) findings.push({ why: 'DNS query through nscd', line });
    else if (name === 'connect' && address && !isLoopback(address) && !/^<UDP/.test(socket)) findings.push({ why: `connection to ${address}`, line });
    else if (name !== 'connect' && address && !isLoopback(address)) findings.push({ why: `datagram to ${address}`, line });
    else if (name !== 'connect' && peer && !isLoopback(peer[1]!)) findings.push({ why: `datagram to ${peer[1]}`, line });
  }
  return findings;
}

/** Pids whose parent is `pid`. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) found.push(Number(entry));
    } catch {
      // It ended meanwhile.
    }
  }
  return found;
}

describe.skipIf(process.platform !== 'linux')('the Chromium of `delineate start`', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'offline-chromium-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('makes no DNS query and no connection off this machine while it shows a page (strace)', async () => {
    const chromium = chromiumPath();
    expect(chromium, 'Chromium (apt-get install chromium)').toBeTruthy();
    let served = 0;
    // A page with a form and a link: the kind of page autofill, the password manager and translate look at.
    const server = createServer((request, response) => {
      served++;
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      response.end(
        '<!doctype html><html lang="fr"><title>Contours</title><form><input name="email" autocomplete="email">' +
          '<input name="password" type="password"><button>Envoyer</button></form><a href="/next">Suivant</a></html>',
      );
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const port = (server.address() as AddressInfo).port;
    const profile = mkdtempSync(join(scratch, 'delineate-profile-'));
    const traceFile = join(scratch, 'chromium.trace');
    const flags = [...appBrowserFlags(writeLaunchPage(profile, `http://127.0.0.1:${port}/`), profile), '--headless'];
    const strace = spawn('strace', ['-f', '-qq', '-yy', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-o', traceFile, chromium!, ...flags], {
      stdio: 'ignore',
      detached: true,
    });
    const spawnError = new Promise<Error>((resolve) => strace.once('error', resolve));
    const ended = new Promise<void>((resolve) => strace.once('exit', () => resolve()));
    try {
      const early = await Promise.race([spawnError, new Promise<null>((resolve) => setTimeout(() => resolve(null), traceSeconds * 1000))]);
      if (early) throw new Error(`strace could not run (apt-get install strace): ${early.message}`);
      // End Chromium itself (strace's child); strace ends with its last tracee. SIGKILL to the group after 5 s.
      for (const pid of childrenOf(strace.pid!)) process.kill(pid, 'SIGTERM');
      const timer = setTimeout(() => process.kill(-strace.pid!, 'SIGKILL'), 5000);
      await ended;
      clearTimeout(timer);
    } finally {
      server.close();
      if (strace.pid !== undefined && strace.exitCode === null && strace.signalCode === null) process.kill(-strace.pid, 'SIGKILL');
    }
    const trace = readFileSync(traceFile, 'utf8');
    // The trace saw Chromium's network calls: the page came over loopback, through the launch page.
    expect(served).toBeGreaterThan(0);
    expect(trace).toContain(`htons(${port})`);
    const findings = networkFindings(trace);
    expect(findings.map((f) => `${f.why}: ${f.line.slice(0, 300)}`).slice(0, 10), `${findings.length} network calls off this machine`).toEqual([]);
  }, 40_000);

  it('recognises what it must flag in strace lines', () => {
    const lines = [
      '12 connect(23<UDP:[1]>, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0',
      '12 sendmmsg(23<UDP:[10.0.0.2:4000->10.255.255.53:53]>, [{msg_hdr={...}}], 2, MSG_NOSIGNAL) = 2',
      '12 connect(5<UNIX:[2]>, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
      '12 connect(7<TCP:[3]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.74.110")}, 16) = -1 EINPROGRESS',
      '12 sendto(8<UDPv6:[[fd00::2]:5000->[2001:4860:4860::8888]:443]>, "x", 1, 0, NULL, 0) = 1',
    ];
    expect(networkFindings(lines.join('\n')).map((f) => f.why)).toEqual([
      'DNS query',
      'DNS query',
      'DNS query through nscd',
      'connection to 142.250.74.110',
      'datagram to 2001:4860:4860::8888',
    ]);
    const allowed = [
      '12 connect(9<TCP:[4]>, {sa_family=AF_INET, sin_port=htons(8000), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
      '12 connect(22<UDPv6:[5]>, {sa_family=AF_INET6, sin6_port=htons(443), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = 0',
      '12 connect(6<UNIX:[6]>, {sa_family=AF_UNIX, sun_path="/run/dbus/system_bus_socket"}, 110) = 0',
      '12 sendto(13<UNIX-STREAM:[7->8]>, "\\20\\0", 104, MSG_NOSIGNAL, NULL, 0) = 104',
    ];
    expect(networkFindings(allowed.join('\n'))).toEqual([]);
  });
});
