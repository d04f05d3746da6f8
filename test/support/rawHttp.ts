import net from 'node:net';

export interface RawAnswer {
  /** The status code of the first response line; 0 when the server closed without answering. */
  status: number;
  /** Everything the server sent, as text. */
  text: string;
  /** Whether the server closed the connection (it was not left open past `waitMs`). */
  closed: boolean;
}

/**
 * Sends bytes as they are (no HTTP client tidies them up) and reads what comes back until the
 * server closes the connection or `waitMs` passes. `body` may be written in pieces, e.g. to send
 * a large upload without holding it in memory.
 */
export function rawRequest(url: string, head: string, body: Buffer | Iterable<Buffer> = Buffer.alloc(0), waitMs = 3000): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text, closed });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    socket.on('error', () => finish(true));
    socket.on('connect', async () => {
      socket.write(head);
      const pieces = Buffer.isBuffer(body) ? [body] : body;
      for (const piece of pieces) {
        if (done || socket.destroyed) return;
        // Wait for the socket to drain, so a refused upload stops being generated.
        if (!socket.write(piece)) await drainedOrClosed(socket);
      }
    });
  });
}

function drainedOrClosed(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const go = () => {
      socket.off('drain', go);
      socket.off('close', go);
      resolve();
    };
    socket.on('drain', go);
    socket.on('close', go);
  });
}

/** A request head for `path` with these headers, Content-Length of `length` unless a header sets its own. */
export function head(method: string, path: string, headers: Record<string, string | number>, length?: number): string {
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: localhost'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  if (length !== undefined && !Object.keys(headers).some((h) => /^(content-length|transfer-encoding)$/i.test(h))) {
    lines.push(`Content-Length: ${length}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}
