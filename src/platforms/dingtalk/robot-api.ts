// The DingTalk OpenAPI endpoints the platform uses, with their request bodies.
// Bodies follow the generated models in aliyun/dingtalk-sdk (robot_1_0, card_1_0) and the official
// card tutorial (developerpedia docs/explore/tutorials/stream/bot/go/card-callback.md).
import { SendError, type DeliveryTarget } from '../types';
import {
  batchSendResponseSchema,
  createAndDeliverResponseSchema,
  fileDownloadResponseSchema,
  groupSendResponseSchema,
  updateCardResponseSchema,
} from './api-schemas';
import { classifyDeliverFailure, classifyHttpError, classifyNetworkError } from './errors';
import type { OpenApi } from './openapi';

export interface CardDelivery {
  templateId: string;
  outTrackId: string;
  params: Record<string, string>;
  to: DeliveryTarget;
  /** staffId → display name; group cards only. Rendered by DingTalk as a real @. */
  atUserIds?: Record<string, string>;
}

export class RobotApi {
  constructor(
    private readonly api: OpenApi,
    private readonly robotCode: string,
    private readonly downloadTimeoutMs: number,
  ) {}

  /** groupMessages/send cannot @ anyone (official doc); callers use it for mention-free text. */
  async sendGroupText(openConversationId: string, content: string): Promise<void> {
    await this.api.call('DingTalk groupMessages/send', 'POST', '/v1.0/robot/groupMessages/send', {
      robotCode: this.robotCode,
      openConversationId,
      msgKey: 'sampleText',
      msgParam: JSON.stringify({ content }),
    }, groupSendResponseSchema);
  }

  async sendUserText(userId: string, content: string): Promise<void> {
    const what = 'DingTalk oToMessages/batchSend';
    const res = await this.api.call(what, 'POST', '/v1.0/robot/oToMessages/batchSend', {
      robotCode: this.robotCode,
      userIds: [userId],
      msgKey: 'sampleText',
      msgParam: JSON.stringify({ content }),
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

  /** A file someone sent to the robot: exchange its downloadCode for a short-lived URL, fetch it. */
  async downloadFile(downloadCode: string): Promise<Buffer> {
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
    return Buffer.from(await res.arrayBuffer());
  }
}
