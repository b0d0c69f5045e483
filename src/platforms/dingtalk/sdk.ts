// The only file that loads dingtalk-stream. The package declares "type": "module", so its type
// declarations are ESM and a CommonJS file may not import them directly: types come in through
// resolution-mode, the value through require (the package's "require" export is CommonJS).
import type * as Sdk from 'dingtalk-stream' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdk = require('dingtalk-stream') as typeof Sdk;

export const DWClient = sdk.DWClient;
export type DWClient = Sdk.DWClient;
export type DownstreamFrame = Sdk.DWClientDownStream;

/** Official gateway that hands out a WebSocket endpoint and a single-use ticket. */
export const DEFAULT_GATEWAY_URL: string = sdk.GATEWAY_URL;
export const TOPIC_ROBOT: string = sdk.TOPIC_ROBOT;
export const TOPIC_CARD: string = sdk.TOPIC_CARD;
