// A file sent to the intelligent bot comes as a url (valid 5 minutes) and a per-file aeskey, without
// its name: the name is in the download's Content-Disposition. The SDK's downloadFile buffers the
// whole body with no cap, so dealguard fetches it itself: the headers (name, length) before the
// handler runs, the body only when the handler downloads it, through the handler's cap.
import { decryptFile } from '@wecom/aibot-node-sdk';
import { FileTooLargeError, readBodyCapped, type DownloadLimits } from '../../download-limit';
import type { IncomingFile } from '../../types';

/** AES-256-CBC padded (PKCS#7) to 32-byte blocks: the encrypted body is at most this much longer. */
const PADDING_BYTES = 32;
/** The SDK's own download timeout is 10 s for the whole file; the headers get that, the body longer. */
const HEADERS_TIMEOUT_MS = 10_000;
const BODY_TIMEOUT_MS = 120_000;

export interface FileRef {
  url: string;
  aeskey?: string | undefined;
}

export interface OpenedFile {
  file: IncomingFile;
  /** Drops the body if the handler never read it (a refused upload must not hold a connection). */
  release(): Promise<void>;
}

/** Opens the download and reads its headers; throws when WeCom cannot be reached. */
export async function openAibotFile(ref: FileRef): Promise<OpenedFile> {
  const first = await request(ref.url);
  let pending: Response | undefined = first;
  let bytes: Buffer | undefined;
  const announced = Number(first.headers.get('content-length') ?? NaN);
  const file: IncomingFile = {
    name: filenameOf(first.headers.get('content-disposition')) ?? 'file',
    ...(Number.isFinite(announced) ? { size: announced } : {}),
    async download(limits: DownloadLimits = {}) {
      if (bytes) {
        if (limits.maxBytes !== undefined && bytes.length > limits.maxBytes) throw new FileTooLargeError(limits.maxBytes, bytes.length);
        return bytes;
      }
      // The body can be read once; a second download (a retry) fetches the url again.
      const res = pending ?? (await request(ref.url));
      pending = undefined;
      const body = await readBodyCapped(res, limits.maxBytes, ref.aeskey ? PADDING_BYTES : 0);
      const plain = ref.aeskey ? decryptFile(body, ref.aeskey) : body;
      if (limits.maxBytes !== undefined && plain.length > limits.maxBytes) throw new FileTooLargeError(limits.maxBytes, plain.length);
      bytes = plain;
      return plain;
    },
  };
  return {
    file,
    async release() {
      const res = pending;
      pending = undefined;
      await res?.body?.cancel().catch(() => undefined);
    },
  };
}

/** A file whose headers could not be fetched: the handler may still try (a transient failure). */
export function unopenedAibotFile(ref: FileRef): IncomingFile {
  return { name: 'file', download: async (limits) => (await openAibotFile(ref)).file.download(limits) };
}

async function request(url: string): Promise<Response> {
  const headersDeadline = AbortSignal.timeout(HEADERS_TIMEOUT_MS);
  const bodyDeadline = AbortSignal.timeout(BODY_TIMEOUT_MS);
  const controller = new AbortController();
  const abort = () => controller.abort();
  headersDeadline.addEventListener('abort', abort);
  bodyDeadline.addEventListener('abort', abort);
  const res = await fetch(url, { signal: controller.signal });
  headersDeadline.removeEventListener('abort', abort);
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`WeCom file download: HTTP ${res.status}`);
  }
  return res;
}

/** As the SDK reads it: RFC 5987 `filename*=UTF-8''…` first, then `filename="…"`. */
export function filenameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const utf8 = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition);
  const plain = utf8 ? undefined : /filename="?([^";\s]+)"?/i.exec(disposition);
  const raw = utf8?.[1] ?? plain?.[1];
  if (!raw) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
