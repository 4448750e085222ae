import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP relay of the test's own between the app and a service (MySQL, Redis), which the test can cut,
 * blackhole and restore: cut() destroys every relayed connection (the app sees ECONNRESET or a lost connection)
 * and stops listening, so new connections are refused; blackhole() is the silent failure (a dropped firewall
 * rule, a partition): connections stay open and new ones are accepted, but nothing passes either way and
 * nothing is ever closed, so only the app's own timeouts end its waits; restore() forwards again.
 */
export class TcpProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<Socket>();
  /** While blackholed: connections accepted but not yet joined to the target (joined on restore). */
  private readonly held = new Set<Socket>();
  /** While blackholed: what each relayed direction would have passed, passed on restore (as TCP retransmits). */
  private readonly waiting: (() => void)[] = [];
  private dropping = false;
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
    return this.server !== null && !this.dropping;
  }

  /** The target URL with its host and port replaced by the proxy's (`mysql://root@127.0.0.1:3306/db` -> the proxy). */
  rewrite(url: string): string {
    const u = new URL(url);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString().replace(/\/$/, '');
  }

  /**
   * Forwards nothing from now on, in either direction, and closes nothing: bytes sent meanwhile wait (as TCP
   * would retransmit them) and pass on restore(); new connections are accepted and held.
   */
  async blackhole(): Promise<void> {
    await this.restore();
    this.dropping = true;
  }

  async restore(): Promise<void> {
    if (this.dropping) {
      this.dropping = false;
      for (const pass of this.waiting.splice(0)) pass();
      for (const c of this.held) this.join(c);
      this.held.clear();
    }
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
    this.dropping = false;
    this.waiting.length = 0;
    for (const s of [...this.pairs, ...this.held]) s.destroy();
    this.pairs.clear();
    this.held.clear();
    if (server) await new Promise<void>((r) => server.close(() => r()));
  }

  close(): Promise<void> {
    return this.cut();
  }

  private relay(client: Socket): void {
    this.accepted++;
    if (!this.dropping) return this.join(client);
    // Accepted and left unanswered: the app's connect (or handshake) timeout is all that ends its wait.
    client.pause();
    client.on('error', () => undefined);
    client.on('close', () => this.held.delete(client));
    this.held.add(client);
  }

  private join(client: Socket): void {
    if (client.destroyed) return;
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
    this.forward(client, upstream);
    this.forward(upstream, client);
    client.resume();
  }

  /** One direction of a relayed connection: passed on at once, or held while blackholed. */
  private forward(from: Socket, to: Socket): void {
    const pass = (data: Buffer) => {
      if (this.dropping) this.waiting.push(() => to.write(data));
      else to.write(data);
    };
    from.on('data', pass);
    from.on('end', () => (this.dropping ? this.waiting.push(() => to.end()) : to.end()));
  }
}
