/**
 * Subscriptions in Firefox. Puppeteer intercepts a page's requests only, and Firefox's WebDriver
 * BiDi reports none of an extension background page's (a global network.addIntercept saw nothing
 * of its fetch here), so the pack is served as the real network would: Firefox's proxy prefs send
 * every request that leaves the browser through a proxy in this test, which logs it and, for the
 * pack's host, answers the CONNECT with a TLS server (a certificate made for this run, accepted
 * through acceptInsecureCerts) that serves PackServer. Pages never reach it (Puppeteer answers
 * them first), so what it logs is the extension's, apart from Firefox's own services (remote
 * settings on mozilla.com hosts), left out by name. The prefs below let the permission prompt
 * answer itself, and stop the background page after a second idle: it stops with its fetch still
 * waiting for the held-back answer (the check that a new background answers afterwards is the
 * harness's marker).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { firefoxStopWorker } from './harness/extension-worker';
import { launchFirefox } from './harness/firefox';
import { openFirefoxUi } from './harness/ui';
import { PACK_HOST, subscriptionsSuite } from './subscriptions.shared';

const IDLE_MS = 1000;

/** Firefox's own background services, which reach the network whatever the extension does. */
const BROWSER_OWN = /(^|\.)(mozilla\.(com|net|org)|firefox\.com)$/;

/** A key and a certificate for the pack's host, made for this run. */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'momo-pack-cert-'));
  const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${PACK_HOST}`, '-addext', `subjectAltName=DNS:${PACK_HOST}`],
    {
      stdio: 'ignore',
    },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

subscriptionsSuite(async (internet, server) => {
  const fromExtension: string[] = [];
  const packs = createHttpsServer(certificate(), (request, response) => {
    const url = `https://${request.headers.host?.replace(/:443$/, '')}${request.url}`;
    fromExtension.push(url);
    const ifNoneMatch = request.headers['if-none-match'];
    void server.answer(url, typeof ifNoneMatch === 'string' ? ifNoneMatch : undefined).then((reply) => {
      response.writeHead(reply.status, reply.headers);
      response.end(reply.body);
    });
  });
  const proxy = createHttpServer((request, response) => {
    const host = new URL(request.url ?? '', 'http://unknown').hostname;
    if (!BROWSER_OWN.test(host)) fromExtension.push(request.url ?? '');
    response.writeHead(502).end();
  });
  proxy.on('connect', (request, socket) => {
    const host = (request.url ?? '').replace(/:\d+$/, '');
    if (host !== PACK_HOST) {
      if (!BROWSER_OWN.test(host)) fromExtension.push(`https://${host}/`);
      return socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    packs.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  const session = await launchFirefox(internet, {
    acceptInsecureCerts: true,
    prefs: {
      'extensions.webextOptionalPermissionPrompts': false,
      'extensions.background.idle.timeout': IDLE_MS,
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
    },
  });
  return {
    session: {
      ...session,
      close: async () => {
        await session.close();
        proxy.close();
        packs.close();
      },
    },
    openUi: (path) => openFirefoxUi(session.browser, session.extensionUrl(path)),
    extensionRequests: () => fromExtension.slice(),
    async stopWorker(control) {
      const restarted = await firefoxStopWorker(control, IDLE_MS);
      if (!(await restarted())) throw new Error('the background page did not stop');
    },
  };
});
