import { DefaultRestOptions, type RESTOptions } from 'discord.js';

/**
 * discord.js's request, with a multipart body (a message with files) encoded to bytes first. Whichever copy of
 * undici a process loads first becomes the global dispatcher of every copy: with Slack's Bolt loaded before
 * discord.js (undici 7 beside discord.js's undici 6), the FormData reaches a dispatcher of another version,
 * which cannot stream it ("action is not a function"), and every upload to Discord fails. Bytes pass any version.
 */
export const bytesRequest: RESTOptions['makeRequest'] = async (url, init) => {
  if (!(init.body instanceof FormData)) return DefaultRestOptions.makeRequest(url, init);
  const encoded = new Response(init.body);
  const headers = new Headers(init.headers as ConstructorParameters<typeof Headers>[0]);
  headers.set('content-type', encoded.headers.get('content-type') ?? 'multipart/form-data');
  return DefaultRestOptions.makeRequest(url, {
    ...init,
    headers: Object.fromEntries(headers),
    body: new Uint8Array(await encoded.arrayBuffer()),
  });
};
