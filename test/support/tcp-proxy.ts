import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay of the test's own between the app and a service (MySQL, Redis), which the test can cut and
 * restore: cut() destroys every relayed connection (the app sees ECONNRESET or a lost connection) and stops
 * listening, so new connections are refused; restore() listens again on the same port.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Socket>();
  /** Connections accepted since start (both sides count once). */
  accepted = 0;

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Listens on a free port of 127.0.0.1 (or `port`) and relays to `target`. */
  static async start(target: { host: string; port: number }, port = 0): Promise<TcpProxy> {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(port, '127.0.0.1', r));
    const chosen = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const proxy = new TcpProxy(chosen, target);
    await proxy.restore();
    return proxy;
  }

  /** A proxy in front of the server a URL names (`defaultPort` when the URL gives none); `rewrite` the URL to use it. */
  static inFrontOf(url: string, defaultPort: number): Promise<TcpProxy> {
    const u = new URL(url);
    return TcpProxy.start({ host: u.hostname, port: Number(u.port || defaultPort) });
  }

  get up(): boolean {
    return this.server !== null;
  }

  /** The target URL with its host and port replaced by the proxy's (`mysql://root@127.0.0.1:3306/db` -> the proxy). */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString().replace(/\/$/, '');
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((client) => this.relay(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  /** Destroys the relayed connections and refuses new ones until restore(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.pairs) s.destroy();
    this.pairs.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  close(): Promise<void> {
    return this.cut();
  }

  private relay(client: Socket): void {
    this.accepted++;
    const upstream = connect(this.target.port, this.target.host);
    for (const s of [client, upstream]) {
      this.pairs.add(s);
      s.setNoDelay(true);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.pairs.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}
