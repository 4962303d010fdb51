import { createServer } from 'node:net';

/** A free TCP port on 127.0.0.1: links in results carry the public URL, so the port is chosen first. */
export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
}
