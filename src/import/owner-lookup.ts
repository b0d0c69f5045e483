import type { Directory } from '../domain/org/directory';

type Found = { ok: true; id: string } | { ok: false; reason: string };

/** Looks a 负责人 up in the Directory of the caller's unit of work. */
export type OwnerLookup = (dir: Directory, handle: string) => Promise<Found>;

/** 负责人 as written in a sheet (账号 id or exact name), checked against the organisation; cached per file. */
export function ownerLookup(opts: { allowPartner: boolean }): OwnerLookup {
  const cache = new Map<string, Found>();
  return async (dir, handle) => {
    const h = handle.trim();
    let r = cache.get(h);
    if (r) return r;
    const found = await dir.findByHandle(h);
    const s = found[0];
    if (found.length === 0 || !s) r = { ok: false, reason: `负责人「${h}」不在组织架构中（请填账号 ID 或姓名，先导入组织架构）` };
    else if (found.length > 1) r = { ok: false, reason: `有 ${found.length} 个人叫「${h}」，请改填账号 ID：${found.map((x) => x.id).join('、')}` };
    else if (!s.active) r = { ok: false, reason: `负责人 ${s.name}（${s.id}）已停用` };
    else if (!opts.allowPartner && s.role === 'partner') r = { ok: false, reason: `负责人必须是公司员工，${s.name} 是代理商人员` };
    else r = { ok: true, id: s.id };
    cache.set(h, r);
    return r;
  };
}
