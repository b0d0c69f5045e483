// The cap on a chat file's download: nothing past the cap is read, whether or not the length is announced.
import { FileTooLargeError, readBodyCapped } from '../../../src/platforms/download-limit';

const CHUNK = 64 * 1024;

/** A response of `chunks` 64 KiB chunks that counts how many were pulled. */
function streamed(chunks: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(c: ReadableStreamDefaultController<Uint8Array>) {
        if (pulled === chunks) return c.close();
        pulled++;
        c.enqueue(new Uint8Array(CHUNK));
      },
    },
    { highWaterMark: 0 },
  );
  return { res: new Response(body, { headers }), pulled: () => pulled };
}

describe('readBodyCapped', () => {
  it('stops reading a body without a length as soon as it passes the cap', async () => {
    const r = streamed(160); // 10 MiB
    await expect(readBodyCapped(r.res, 5 * 1024 * 1024)).rejects.toEqual(new FileTooLargeError(5 * 1024 * 1024));
    expect(r.pulled()).toBeLessThanOrEqual(82);
  });

  it('refuses an announced length past the cap without reading the body', async () => {
    const r = streamed(160, { 'content-length': String(160 * CHUNK) });
    const err = await readBodyCapped(r.res, 5 * 1024 * 1024).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FileTooLargeError);
    expect((err as FileTooLargeError).announcedBytes).toBe(160 * CHUNK);
    expect(r.pulled()).toBe(0);
  });

  it('returns a body within the cap, slack included', async () => {
    const r = streamed(2);
    expect((await readBodyCapped(r.res, 2 * CHUNK - 10, 32)).length).toBe(2 * CHUNK);
  });
});
