/** An HTTP proxy on 127.0.0.1 that forwards to a server, or answers 503 when told to. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlakyProxy {
  url: string;
  /** The next n requests get a 503 instead of being forwarded. */
  failNext(n?: number): void;
  close(): Promise<void>;
}

export async function startFlakyProxy(target: () => string): Promise<FlakyProxy> {
  let failures = 0;
  const server = http.createServer((req, res) => {
    if (failures > 0) {
      failures--;
      res.writeHead(503, { 'content-type': 'application/json' });
      res.end('{"status":"error","code":503}');
      return;
    }
    const to = new URL(req.url ?? '/', target());
    const forward = http.request(to, { method: req.method, headers: { ...req.headers, host: to.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    failNext: (n = 1) => {
      failures += n;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
