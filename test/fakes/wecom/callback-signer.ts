// Builds callbacks the way WeCom sends them to an application's URL (doc 90238): the plaintext XML
// encrypted with the EncodingAESKey and the corp id as receiveid, wrapped in an <xml><Encrypt>
// envelope, signed in the query string.
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

export interface CallbackKeys {
  token: string;
  aesKey: string;
  corpId: string;
  agentId: number;
}

export interface SignedCallback {
  /** Path + query to request, relative to the router mount point. */
  query: string;
  body: string;
}

export function signedQuery(keys: CallbackKeys, encrypted: string, timestamp: number, nonce = randomBytes(5).toString('hex')): string {
  const signature = getSignature(keys.token, String(timestamp), nonce, encrypted);
  return `?msg_signature=${signature}&timestamp=${timestamp}&nonce=${nonce}`;
}

export function signedCallback(keys: CallbackKeys, plainXml: string, timestamp = Math.floor(Date.now() / 1000)): SignedCallback {
  const encrypted = encrypt(keys.aesKey, plainXml, keys.corpId);
  const body = `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><AgentID><![CDATA[${keys.agentId}]]></AgentID><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  return { query: signedQuery(keys, encrypted, timestamp), body };
}

export function textMessageXml(keys: CallbackKeys, from: string, content: string, msgId: string, createTime = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId><AgentID>${keys.agentId}</AgentID></xml>`;
}

export function cardEventXml(keys: CallbackKeys, from: string, eventKey: string, taskId: string, responseCode: string, createTime = Math.floor(Date.now() / 1000)): string {
  return `<xml><ToUserName><![CDATA[${keys.corpId}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${eventKey}]]></EventKey><TaskId><![CDATA[${taskId}]]></TaskId><CardType><![CDATA[button_interaction]]></CardType><ResponseCode><![CDATA[${responseCode}]]></ResponseCode><AgentID>${keys.agentId}</AgentID></xml>`;
}
