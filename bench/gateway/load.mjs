/**
 * A small keep-alive HTTP/1.1 load generator on raw sockets, cheap enough not to be the
 * bottleneck: each connection sends one pre-encoded request, reads the answer (headers, then
 * content-length bytes), records the latency and sends the next. No pipelining.
 */
import { connect } from 'node:net';

/**
 * @param {{ url: string, path: string, body: string, connections: number, durationMs?: number,
 *   requests?: number, warmupMs?: number }} o
 * @returns {Promise<{ latenciesMs: Float64Array, count: number, errors: number, non200: number, seconds: number }>}
 */
export function load(o) {
  const { hostname, port } = new URL(o.url);
  const payload = Buffer.from(o.body);
  const request = Buffer.concat([
    Buffer.from(
      `POST ${o.path} HTTP/1.1\r\nhost: ${hostname}:${port}\r\ncontent-type: application/json\r\ncontent-length: ${payload.length}\r\nconnection: keep-alive\r\n\r\n`,
    ),
    payload,
  ]);
  const max = o.requests ?? 10_000_000;
  const latencies = new Float64Array(Math.min(max, 5_000_000));
  let count = 0;
  let errors = 0;
  let non200 = 0;
  let measuring = !(o.warmupMs > 0);
  let started = 0;
  let stopAt = Number.POSITIVE_INFINITY;
  let sent = 0;
  return new Promise((resolve) => {
    let open = o.connections;
    const finish = () => {
      if (--open > 0) return;
      resolve({
        latenciesMs: latencies.subarray(0, count),
        count,
        errors,
        non200,
        seconds: (performance.now() - started) / 1000,
      });
    };
    const begin = () => {
      measuring = true;
      started = performance.now();
      if (o.durationMs) stopAt = started + o.durationMs;
    };
    if (measuring) begin();
    else setTimeout(begin, o.warmupMs);
    for (let c = 0; c < o.connections; c++) {
      const socket = connect({ host: hostname, port: Number(port), noDelay: true });
      let buf = Buffer.alloc(0);
      let t0 = 0;
      const next = () => {
        const now = performance.now();
        if (now >= stopAt || (measuring && sent >= max)) {
          socket.end();
          return;
        }
        if (measuring) sent++;
        t0 = now;
        socket.write(request);
      };
      socket.on('connect', next);
      socket.on('data', (chunk) => {
        buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
        for (;;) {
          const end = buf.indexOf('\r\n\r\n');
          if (end < 0) return;
          const head = buf.toString('latin1', 0, end);
          const m = /content-length: *(\d+)/i.exec(head);
          const total = end + 4 + (m ? Number(m[1]) : 0);
          if (buf.length < total) return;
          if (!head.startsWith('HTTP/1.1 200')) non200++;
          buf = buf.subarray(total);
          if (measuring && t0 >= started && count < latencies.length)
            latencies[count++] = performance.now() - t0;
          next();
        }
      });
      socket.on('error', () => {
        errors++;
      });
      socket.on('close', finish);
    }
  });
}

/** The q-quantile (0..1) of latencies, by sorting a copy. */
export function quantile(latencies, q) {
  const s = Float64Array.from(latencies).sort();
  return s.length === 0 ? Number.NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
