// Files people send in chat are read through a cap: a download stops (and its connection is
// dropped) as soon as it passes the cap, so an oversized file never sits in memory.

export interface DownloadLimits {
  /** Refuse the file past this many bytes (of the file itself). */
  maxBytes?: number;
}

/** The file is larger than the caller accepts; `announcedBytes` when the platform said its size. */
export class FileTooLargeError extends Error {
  constructor(
    readonly maxBytes: number,
    readonly announcedBytes?: number,
  ) {
    super(`file larger than ${maxBytes} bytes${announcedBytes === undefined ? '' : ` (${announcedBytes} announced)`}`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Reads a fetch response body, refusing it past maxBytes + slack (slack: transport overhead, e.g.
 * WeCom's encryption padding). A Content-Length above the cap is refused before reading anything.
 */
export async function readBodyCapped(res: Response, maxBytes: number | undefined, slack = 0): Promise<Buffer> {
  if (maxBytes === undefined) return Buffer.from(await res.arrayBuffer());
  const cap = maxBytes + slack;
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(announced) && announced > cap) {
    await res.body?.cancel().catch(() => undefined);
    throw new FileTooLargeError(maxBytes, Math.max(0, announced - slack));
  }
  if (!res.body) return Buffer.alloc(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new FileTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
