// 字号 shared by thousands of unrelated companies across the country. For these, the same 字号 in
// another region or another industry is no evidence of a relation, so compare() says 无 there
// instead of 疑似 (identical names still count).
const GENERIC = `
华夏 东方 中华 长城 新华 宏达 恒通 金鑫 鑫源 华兴 兴业 永兴 盛世 天成 宏远 华泰 恒信 鑫达 金源 万通 华通 通达
中天 天元 恒达 瑞丰 金达 利达 昌盛 兴旺 顺达 远大 华丰 安泰 泰和 金龙 华美 新星 金星 宏图 鸿运 鑫盛 永盛 恒丰 隆达
盛达 华盛 天宇 宇通 东升 旭日 阳光 希望 新世纪 亚太 环球 中联 华信 大众 新兴 华鑫 恒源 嘉禾 富源 荣达 顺发
`;

export const GENERIC_CORE_LIST: readonly string[] = GENERIC.split(/\s+/).filter(Boolean);

const GENERIC_CORES: ReadonlySet<string> = new Set(GENERIC_CORE_LIST);

export function isGenericCore(core: string): boolean {
  return GENERIC_CORES.has(core);
}
