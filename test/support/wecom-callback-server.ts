// The app's callback router on its own express server on 127.0.0.1, as src/app mounts it.
import express from 'express';
import type { AddressInfo } from 'node:net';
import type { WecomPlatform } from '../../src/platforms/wecom';

export interface CallbackServer {
  /** http://127.0.0.1:<port>/wecom/callback */
  base: string;
  close(): Promise<void>;
}

export async function listenCallback(platform: WecomPlatform): Promise<CallbackServer> {
  const app = express();
  app.use('/wecom/callback', platform.callbackRouter());
  const http = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => http.once('listening', resolve));
  return {
    base: `http://127.0.0.1:${(http.address() as AddressInfo).port}/wecom/callback`,
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}
