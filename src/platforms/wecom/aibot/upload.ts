// Temporary media over the long connection (doc 101463 上传临时素材): aibot_upload_media_init →
// aibot_upload_media_chunk × N → aibot_upload_media_finish, each frame with its own req_id and
// acked like a reply (the SDK's per-req_id queue and 5 s ack timeout). The SDK's uploadMedia does
// the same but takes its acks on trust; here every ack is checked, and chunks go one at a time
// (our files are small; WeCom answers many concurrent chunks with system errors).
//
// Frame facts (SDK 1.0.7 source; several independent clients; a recorded run against the real
// service): chunks ≤ 512 KiB before base64, at most 100, chunk_index from 0; init acks
// body.upload_id; chunk acks carry no body; finish acks body {type, media_id, created_at (a number,
// though the SDK types it as a string)}.
import { createHash } from 'node:crypto';
import { generateReqId, type WSClient } from '@wecom/aibot-node-sdk';
import { z } from 'zod';
import { SendError, type OutboundFile } from '../../types';
import { assertUploadable, displayName } from '../media';

export const UPLOAD_CHUNK_BYTES = 512 * 1024;
export const UPLOAD_MAX_CHUNKS = 100;

export type MediaType = 'file' | 'image' | 'voice' | 'video';

const initAck = z.object({ body: z.object({ upload_id: z.string().min(1) }) });
const finishAck = z.object({
  body: z.object({
    media_id: z.string().min(1),
    type: z.string().optional(),
    created_at: z.union([z.number(), z.string()]).optional(),
  }),
});

type Sender = Pick<WSClient, 'reply'>;

/** Uploads the file and resolves with its media_id. Throws SendError, or what the SDK rejects with. */
export async function uploadMedia(client: Sender, file: OutboundFile, type: MediaType = 'file'): Promise<string> {
  assertUploadable(file);
  const content = file.content;
  const totalChunks = Math.ceil(content.length / UPLOAD_CHUNK_BYTES);
  if (totalChunks > UPLOAD_MAX_CHUNKS) {
    throw new SendError(`WeCom: ${file.name} needs ${totalChunks} chunks; at most ${UPLOAD_MAX_CHUNKS}`, { retryable: false, code: 'wecom_file_too_large' });
  }
  const send = (cmd: string, body: Record<string, unknown>) => client.reply({ headers: { req_id: generateReqId(cmd) } }, body, cmd);

  const init = initAck.safeParse(
    await send('aibot_upload_media_init', {
      type,
      filename: displayName(file.name),
      total_size: content.length,
      total_chunks: totalChunks,
      md5: createHash('md5').update(content).digest('hex'),
    }),
  );
  if (!init.success) throw unexpected('aibot_upload_media_init');
  const uploadId = init.data.body.upload_id;

  for (let index = 0; index < totalChunks; index++) {
    const chunk = content.subarray(index * UPLOAD_CHUNK_BYTES, (index + 1) * UPLOAD_CHUNK_BYTES);
    await send('aibot_upload_media_chunk', { upload_id: uploadId, chunk_index: index, base64_data: chunk.toString('base64') });
  }

  const finish = finishAck.safeParse(await send('aibot_upload_media_finish', { upload_id: uploadId }));
  if (!finish.success) throw unexpected('aibot_upload_media_finish');
  return finish.data.body.media_id;
}

function unexpected(cmd: string): SendError {
  return new SendError(`WeCom long connection: unexpected ${cmd} ack`, { retryable: true, code: 'wecom_upload_shape' });
}
