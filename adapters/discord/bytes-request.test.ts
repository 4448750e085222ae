import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
// Bolt first, as in a process with both platforms: its undici 7 becomes the global dispatcher of every undici.
import '@slack/bolt';
import { REST } from 'discord.js';
import { bytesRequest } from './bytes-request';

describe('a message with a file sent to Discord from a process that also loaded Bolt', () => {
  let server: Server;
  let got: { type: string; body: string }[];
  let api: string;
  beforeAll(async () => {
    got = [];
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        got.push({ type: String(req.headers['content-type']), body });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"id":"1"}');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const send = (rest: REST) =>
    rest.post('/channels/1/messages', {
      body: { content: 'transcript' },
      files: [{ name: 'query-1.txt', data: Buffer.from('what was said'), contentType: 'text/plain' }],
    });

  it('fails with discord.js own request (the undici versions clash)', async () => {
    await expect(send(new REST({ api, retries: 0 }).setToken('t'))).rejects.toThrow('action is not a function');
  });

  it('is posted as multipart bytes with bytesRequest', async () => {
    await expect(send(new REST({ api, retries: 0, makeRequest: bytesRequest }).setToken('t'))).resolves.toEqual({
      id: '1',
    });
    const [sent] = got.slice(-1);
    expect(sent?.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent?.body).toContain('name="payload_json"');
    expect(sent?.body).toContain('{"content":"transcript"}');
    expect(sent?.body).toContain('filename="query-1.txt"');
    expect(sent?.body).toContain('what was said');
  });
});
