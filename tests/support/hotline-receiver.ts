import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../api/src/clock';
import { verifyHotlineSignature } from '../../api/src/services/hotline/hotline-signature';

/** What the receiver does with a request: answer 200, answer 500, or never answer (a timeout). */
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface Notification {
  deliveryId: string;
  orderId: string;
  caseCode: string;
  seq: number;
  state: string;
  previousState: string | null;
  at: string;
  note: string | null;
}

/**
 * A stand-in for the 12345 platform's webhook: a real HTTP server on 127.0.0.1 that checks every
 * request's signature (a bad one is a test failure, answered 401), then does what `modeFor` says
 * for that notification. `accepted` holds what it answered 200 to, deduplicated by delivery id as
 * a real receiver would; `attempts` every request; `duplicates` ids it got again after accepting.
 */
export async function startHotlineReceiver(secret: string, clock: () => Clock) {
  let modeFor: (n: Notification) => ReceiverMode = () => 'ok';
  const accepted: Notification[] = [];
  const attempts: Notification[] = [];
  const duplicates: string[] = [];
  const badSignatures: string[] = [];
  const hanging = new Set<ServerResponse>();
  const handle = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
    try {
      verifyHotlineSignature(
        secret,
        { timestamp: req.headers['x-timestamp'] as string, signature: req.headers['x-signature'] as string },
        body,
        clock().now(),
      );
    } catch (error) {
      badSignatures.push((error as Error).message);
      res.writeHead(401).end();
      return;
    }
    const n = JSON.parse(body.toString('utf8')) as Notification;
    if (req.headers['x-delivery-id'] !== n.deliveryId)
      badSignatures.push('x-delivery-id differs from the body');
    attempts.push(n);
    const mode = modeFor(n);
    if (mode === 'hang') {
      hanging.add(res);
      return;
    }
    if (mode === 'fail') {
      res.writeHead(500).end('down');
      return;
    }
    if (accepted.some((a) => a.deliveryId === n.deliveryId)) duplicates.push(n.deliveryId);
    else accepted.push(n);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/12345/notify`;
  return {
    url,
    accepted,
    attempts,
    duplicates,
    badSignatures,
    /** Sets the behaviour, for every notification or per notification. */
    setMode(mode: ReceiverMode | ((n: Notification) => ReceiverMode)) {
      modeFor = typeof mode === 'function' ? mode : () => mode;
    },
    /** The accepted notifications of one order, in arrival order. */
    of(orderId: string) {
      return accepted.filter((n) => n.orderId === orderId);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
