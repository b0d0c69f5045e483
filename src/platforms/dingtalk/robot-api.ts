// The DingTalk OpenAPI endpoints the platform uses, with their request bodies.
// Bodies follow the generated models in aliyun/dingtalk-sdk (robot_1_0, card_1_0) and the official
// card tutorial (developerpedia docs/explore/tutorials/stream/bot/go/card-callback.md).
// Files: upload to oapi /media/upload (type=file) → media_id → msgKey "sampleFile" with msgParam
// {mediaId, fileName, fileType} on the same robot endpoints as text (as the connectors
// DingTalk-Real-AI/dingtalk-openclaw-connector and soimy/openclaw-channel-dingtalk do; the
// sessionWebhook does not carry files reliably, so files always go through the OpenAPI).
// mediaId is passed as upload returned it ("@lA…", as soimy does; one connector strips the "@").
import { SendError, type DeliveryTarget } from '../types';
import { FileTooLargeError, readBodyCapped, type DownloadLimits } from '../download-limit';
import {
  batchSendResponseSchema,
  createAndDeliverResponseSchema,
  fileDownloadResponseSchema,
  groupSendResponseSchema,
  mediaUploadResponseSchema,
  updateCardResponseSchema,
} from './api-schemas';
import { classifyDeliverFailure, classifyHttpError, classifyNetworkError } from './errors';
import type { LegacyOapi } from './legacy-oapi';
import type { OpenApi } from './openapi';

export interface CardDelivery {
  templateId: string;
  outTrackId: string;
  params: Record<string, string>;
  to: DeliveryTarget;
  /** staffId → display name; group cards only. Rendered by DingTalk as a real @. */
  atUserIds?: Record<string, string>;
}

/** DingTalk's limit for media type "file" (上传媒体文件: doc, docx, xls, xlsx, ppt, pptx, zip, pdf, rar; 20 MB). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;

const MIME_BY_EXT: Record<string, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  csv: 'text/csv',
  pdf: 'application/pdf',
  zip: 'application/zip',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  doc: 'application/msword',
};

/** "授权.错误报告.xlsx" → "xlsx": the sampleFile `fileType`. */
export function fileTypeOf(name: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(name);
  return m?.[1]?.toLowerCase() ?? 'file';
}

export class RobotApi {
  constructor(
    private readonly api: OpenApi,
    private readonly robotCode: string,
    private readonly downloadTimeoutMs: number,
    /** oapi.dingtalk.com: media upload for the files the robot sends. */
    private readonly oapi: LegacyOapi,
  ) {}

  /** groupMessages/send cannot @ anyone (official doc); callers use it for mention-free text. */
  sendGroupText(openConversationId: string, content: string): Promise<void> {
    return this.sendGroup(openConversationId, 'sampleText', { content });
  }

  sendUserText(userId: string, content: string): Promise<void> {
    return this.sendUser(userId, 'sampleText', { content });
  }

  /**
   * Uploads a file as media type "file"; the media_id (e.g. "@lAz…", kept as DingTalk returns it)
   * goes into a sampleFile message. Uploading twice only yields a second media_id.
   */
  async uploadFile(name: string, content: Buffer): Promise<string> {
    const what = 'DingTalk media/upload';
    if (content.length > MAX_FILE_BYTES) {
      throw new SendError(`${what}: ${name} is ${content.length} bytes, DingTalk takes at most ${MAX_FILE_BYTES}`, { retryable: false, code: 'FileTooLarge' });
    }
    const form = new FormData();
    form.append('media', new Blob([content], { type: MIME_BY_EXT[fileTypeOf(name)] ?? 'application/octet-stream' }), name);
    const res = await this.oapi.postForm(what, '/media/upload', { type: 'file' }, form, mediaUploadResponseSchema);
    if (!res.media_id) throw new SendError(`${what}: no media_id in the answer`, { retryable: true, code: 'BadResponse' });
    return res.media_id;
  }

  /** A robot file message (msgKey sampleFile) into a group or a single chat. */
  sendFile(to: DeliveryTarget, mediaId: string, fileName: string): Promise<void> {
    const param = { mediaId, fileName, fileType: fileTypeOf(fileName) };
    return to.kind === 'chat' ? this.sendGroup(to.chatId, 'sampleFile', param) : this.sendUser(to.platformUserId, 'sampleFile', param);
  }

  private async sendGroup(openConversationId: string, msgKey: string, msgParam: Record<string, string>): Promise<void> {
    await this.api.call('DingTalk groupMessages/send', 'POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.robotCode,
      openConversationId,
      msgKey,
      msgParam: JSON.stringify(msgParam),
    }, groupSendResponseSchema);
  }

  private async sendUser(userId: string, msgKey: string, msgParam: Record<string, string>): Promise<void> {
    const what = 'DingTalk oToMessages/batchSend';
    const res = await this.api.call(what, 'POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.robotCode,
      userIds: [userId],
      msgKey,
      msgParam: JSON.stringify(msgParam),
    }, batchSendResponseSchema);
    // HTTP 200 can still refuse the one recipient.
    if (res.invalidStaffIdList?.includes(userId)) {
      throw new SendError(`${what}: unknown user ${userId}`, { retryable: false, code: 'InvalidStaffId' });
    }
    if (res.flowControlledStaffIdList?.includes(userId)) {
      throw new SendError(`${what}: flow-controlled for ${userId}`, { retryable: true, retryAfterMs: 60_000, code: 'FlowControlled' });
    }
  }

  async createAndDeliverCard(card: CardDelivery): Promise<void> {
    const what = 'DingTalk card createAndDeliver';
    const space =
      card.to.kind === 'chat'
        ? {
            openSpaceId: `dtv1.card//IM_GROUP.${card.to.chatId}`,
            imGroupOpenSpaceModel: { supportForward: false },
            imGroupOpenDeliverModel: {
              robotCode: this.robotCode,
              ...(card.atUserIds && Object.keys(card.atUserIds).length > 0 ? { atUserIds: card.atUserIds } : {}),
            },
          }
        : {
            openSpaceId: `dtv1.card//IM_ROBOT.${card.to.platformUserId}`,
            imRobotOpenSpaceModel: { supportForward: false },
            imRobotOpenDeliverModel: { spaceType: 'IM_ROBOT', robotCode: this.robotCode },
          };
    const res = await this.api.call(what, 'POST', '/v1.0/card/instances/createAndDeliver', {
      cardTemplateId: card.templateId,
      outTrackId: card.outTrackId,
      callbackType: 'STREAM',
      userIdType: 1,
      cardData: { cardParamMap: card.params },
      ...space,
    }, createAndDeliverResponseSchema);
    const failed = res.result?.deliverResults?.find((r) => r.success === false);
    if (res.success === false || failed) throw classifyDeliverFailure(what, failed?.errorMsg);
  }

  /** Public card data: every viewer sees the new values. */
  async updateCard(outTrackId: string, params: Record<string, string>): Promise<void> {
    const what = 'DingTalk card update';
    const res = await this.api.call(what, 'PUT', '/v1.0/card/instances', {
      outTrackId,
      cardData: { cardParamMap: params },
      cardUpdateOptions: { updateCardDataByKey: true },
    }, updateCardResponseSchema);
    if (res.success === false || res.result === false) {
      throw new SendError(`${what}: refused`, { retryable: false, code: 'UpdateRefused' });
    }
  }

  /**
   * A file someone sent to the robot: exchange its downloadCode for a short-lived URL, fetch it.
   * The frame carries no size, so the cap is applied while the bytes arrive.
   */
  async downloadFile(downloadCode: string, limits: DownloadLimits = {}): Promise<Buffer> {
    const what = 'DingTalk messageFiles/download';
    const { downloadUrl } = await this.api.call(what, 'POST', '/v1.0/robot/messageFiles/download', {
      downloadCode,
      robotCode: this.robotCode,
    }, fileDownloadResponseSchema);
    let res: Response;
    try {
      res = await fetch(downloadUrl, { signal: AbortSignal.timeout(this.downloadTimeoutMs) });
    } catch (error) {
      throw classifyNetworkError(what, error);
    }
    if (!res.ok) throw classifyHttpError(what, res.status, undefined, res.headers);
    try {
      return await readBodyCapped(res, limits.maxBytes);
    } catch (error) {
      if (error instanceof FileTooLargeError) throw error;
      throw classifyNetworkError(what, error);
    }
  }
}
