// Shapes of DingTalk OpenAPI answers we rely on. Lenient where DingTalk adds fields; strict only on
// what the code reads. Sources: aliyun/dingtalk-sdk generated models (card_1_0, robot_1_0,
// oauth2_1_0), developerpedia protocol.md (gateway).
import { z } from 'zod';

export const gatewayResponseSchema = z.looseObject({
  endpoint: z.string().regex(/^wss?:\/\//),
  ticket: z.string().min(1),
});

export const accessTokenResponseSchema = z.looseObject({
  accessToken: z.string().min(1),
  /** Seconds; 7200 in practice. */
  expireIn: z.number().int().positive(),
});

/** api.dingtalk.com error body: `{"code":"InvalidAuthentication","message":"…","requestid":"…"}`. */
export const apiErrorBodySchema = z.looseObject({
  code: z.string().optional(),
  message: z.string().optional(),
  requestid: z.string().optional(),
  /** Per-IP ban page: `{"status":1111,"wait":5}` (minutes), no code. */
  status: z.number().optional(),
  wait: z.number().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export const groupSendResponseSchema = z.looseObject({ processQueryKey: z.string().optional() });

export const batchSendResponseSchema = z.looseObject({
  processQueryKey: z.string().optional(),
  invalidStaffIdList: z.array(z.string()).optional(),
  flowControlledStaffIdList: z.array(z.string()).optional(),
});

export const createAndDeliverResponseSchema = z.looseObject({
  success: z.boolean().optional(),
  result: z
    .looseObject({
      outTrackId: z.string().optional(),
      deliverResults: z
        .array(
          z.looseObject({
            success: z.boolean().optional(),
            errorMsg: z.string().optional(),
            spaceId: z.string().optional(),
            spaceType: z.string().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});

export const updateCardResponseSchema = z.looseObject({
  success: z.boolean().optional(),
  result: z.boolean().optional(),
});

export const fileDownloadResponseSchema = z.looseObject({ downloadUrl: z.url() });

/** sessionWebhook answers like the legacy oapi: errcode 0 = sent; 300001 = session gone. */
export const sessionWebhookResponseSchema = z.looseObject({
  errcode: z.number(),
  errmsg: z.string().optional(),
});

/**
 * Legacy oapi.dingtalk.com answers: HTTP 200 with `errcode` (0 = ok), `errmsg`; errcode 88 adds
 * `sub_code`/`sub_msg` (permission or token problems).
 */
export const oapiResultSchema = z.looseObject({
  errcode: z.number(),
  errmsg: z.string().optional(),
  sub_code: z.union([z.string(), z.number()]).optional(),
  sub_msg: z.string().optional(),
});
export type OapiResult = z.infer<typeof oapiResultSchema>;

/** GET /gettoken → `{"errcode":0,"access_token":"…","errmsg":"ok","expires_in":7200}`. */
export const legacyTokenResponseSchema = oapiResultSchema.extend({
  access_token: z.string().min(1).optional(),
  expires_in: z.number().int().positive().optional(),
});

/** POST /media/upload → `{"errcode":0,"errmsg":"ok","media_id":"@lA…","created_at":…,"type":"file"}`. */
export const mediaUploadResponseSchema = oapiResultSchema.extend({
  media_id: z.string().min(1).optional(),
  type: z.string().optional(),
  created_at: z.number().optional(),
});
