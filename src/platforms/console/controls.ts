/** Parses ":advance 27d", ":advance 1d 2h", ":advance 90m" into milliseconds. */
export function parseDuration(text: string): number | undefined {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return undefined;
  let ms = 0;
  for (const p of parts) {
    const m = /^(\d{1,6})(d|h|m|天|小时|分钟?)$/i.exec(p);
    if (!m) return undefined;
    const n = Number(m[1]);
    const unit = m[2]!.toLowerCase();
    ms += n * (unit === 'd' || unit === '天' ? 86_400_000 : unit === 'h' || unit === '小时' ? 3_600_000 : 60_000);
  }
  return ms;
}

export const CONTROL_HELP = [
  '控制命令（以冒号开头，不会发给机器人）：',
  '  :as <id|姓名>          切换当前身份，例如 :as carol',
  '  :in <群名|私聊>         切换所在会话，例如 :in 华东销售群、:in 私聊',
  '  :click <卡片> <动作> [文字]  点击卡片按钮，例如 :click c3 approve、:click c3 reject 资料不全',
  '  :advance <N>d|h|m      拨快虚拟时钟并执行期间所有定时任务，例如 :advance 27d',
  '  :now                   显示当前虚拟时间',
  '  :who                   列出组织里的人和群',
  '  :help                  显示本帮助',
  '  :quit                  退出',
  '其他输入都当作当前身份在当前会话里发的消息，例如 /帮助。',
].join('\n');
