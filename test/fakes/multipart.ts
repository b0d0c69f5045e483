// A strict multipart/form-data reader for the fake upload endpoints (DingTalk oapi /media/upload,
// WeCom qyapi /cgi-bin/media/upload): the bytes as they came, each part with the name, filename,
// filelength and content type of its headers. Anything malformed → undefined, which each fake
// answers the way its platform answers a missing "media" field.

export interface FormPart {
  name: string;
  filename: string | undefined;
  /** WeCom's `filelength=` parameter, when the client sent one. */
  filelength: number | undefined;
  contentType: string | undefined;
  data: Buffer;
}

export interface ParseOptions {
  /**
   * Read RFC 5987 `filename*=UTF-8''…` (DingTalk, like most servers). WeCom's parser does not: it
   * reads the raw UTF-8 `filename="…"` only, so a name sent only in the extended form is lost.
   */
  extendedFilename: boolean;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

export function parseMultipart(contentType: string | undefined, body: Buffer, opts: ParseOptions = { extendedFilename: true }): FormPart[] | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  const next = Buffer.from(`\r\n--${boundary}`);
  if (body.indexOf(delimiter) !== 0) return undefined;
  const parts: FormPart[] = [];
  let pos = delimiter.length;
  for (;;) {
    const after = body.subarray(pos, pos + 2).toString('latin1');
    if (after === '--') return parts;
    if (after !== '\r\n') return undefined;
    const headEnd = body.indexOf('\r\n\r\n', pos + 2);
    if (headEnd < 0) return undefined;
    const end = body.indexOf(next, headEnd + 4);
    if (end < 0) return undefined;
    const part = partOf(body.subarray(pos + 2, headEnd).toString('utf8'), body.subarray(headEnd + 4, end), opts);
    if (!part) return undefined;
    parts.push(part);
    pos = end + next.length;
  }
}

function partOf(head: string, data: Buffer, opts: ParseOptions): FormPart | undefined {
  const headers = new Map(head.split('\r\n').map((line) => {
    const i = line.indexOf(':');
    return [line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim()] as const;
  }));
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\s*;/i.test(disposition)) return undefined;
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1];
  if (name === undefined) return undefined;
  const filelength = /;\s*filelength=(\d+)/i.exec(disposition)?.[1];
  return {
    name,
    filename: filenameOf(disposition, opts),
    filelength: filelength === undefined ? undefined : Number(filelength),
    contentType: headers.get('content-type'),
    data: Buffer.from(data),
  };
}

/** `filename*=UTF-8''…` (RFC 5987) wins; plain `filename="…"` as browsers and undici escape it. */
function filenameOf(disposition: string, opts: ParseOptions): string | undefined {
  const extended = opts.extendedFilename ? /;\s*filename\*=UTF-8''([^;\s]+)/i.exec(disposition)?.[1] : undefined;
  if (extended) return decodeURIComponent(extended);
  const plain = /;\s*filename="([^"]*)"/i.exec(disposition)?.[1];
  return plain?.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}
