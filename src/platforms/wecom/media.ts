// Files go to WeCom as temporary media first (a media_id, valid 3 days), then as a file message
// naming that media_id: over the long connection (doc 101463 上传临时素材) and over qyapi
// (/cgi-bin/media/upload, doc 90253) alike.
import { SendError, type OutboundFile } from '../types';

/** qyapi: "所有文件size必须大于5个字节"; 普通文件(file) 20MB. Applied to the long connection too. */
export const FILE_MIN_BYTES = 6;
export const FILE_MAX_BYTES = 20 * 1024 * 1024;

/** Refuses for good what WeCom would refuse anyway, before anything is uploaded. */
export function assertUploadable(file: OutboundFile): void {
  const size = file.content.length;
  if (size < FILE_MIN_BYTES) {
    throw new SendError(`WeCom: file ${file.name} has ${size} bytes; at least ${FILE_MIN_BYTES} are needed`, {
      retryable: false,
      code: 'wecom_file_too_small',
    });
  }
  if (size > FILE_MAX_BYTES) {
    throw new SendError(`WeCom: file ${file.name} has ${size} bytes; files are limited to ${FILE_MAX_BYTES}`, {
      retryable: false,
      code: 'wecom_file_too_large',
    });
  }
}

/**
 * The name the recipient sees. qyapi's multipart parser wants it raw (UTF-8, no RFC 2231
 * `filename*=`), not starting with "/" and without "\" or ":" (doc 99310); quotes and line breaks
 * would end the header.
 */
export function displayName(name: string): string {
  const cleaned = name.replace(/[\\:"\r\n]/g, '_').replace(/^\/+/, '').trim();
  return cleaned || 'file';
}

/**
 * media_ids already uploaded for a file, so that a part retried after its send failed (reply
 * refused, connection dropped) posts the same media again instead of uploading it again.
 * Keyed by the file object, which lives as long as the reply being retried.
 */
export class UploadedMedia {
  private readonly ids = new WeakMap<OutboundFile, string>();

  async mediaId(file: OutboundFile, upload: () => Promise<string>): Promise<string> {
    const known = this.ids.get(file);
    if (known) return known;
    const id = await upload();
    this.ids.set(file, id);
    return id;
  }
}
