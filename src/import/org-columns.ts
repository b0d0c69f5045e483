import { ROLE_ALIASES } from '../domain/org/org-data';
import { asList, asText, type Column } from './columns';
import type { CellValue } from './read-sheet';

const role = (v: CellValue): unknown => {
  const s = String(v).trim();
  return ROLE_ALIASES[s] ?? s.toLowerCase();
};
const active = (v: CellValue): unknown => {
  const s = String(v).trim();
  if (['在职', '是', '启用', 'true', '1', 'active', 'yes'].includes(s.toLowerCase())) return true;
  if (['离职', '否', '停用', 'false', '0', 'inactive', 'no'].includes(s.toLowerCase())) return false;
  return s;
};

export const STAFF_COLUMNS: Column[] = [
  { field: 'id', header: '账号ID', aliases: ['id', '工号', '账号'], required: true, example: 'alice', convert: asText },
  { field: 'name', header: '姓名', aliases: ['name'], required: true, example: '李雷', convert: asText },
  { field: 'role', header: '角色', aliases: ['role'], required: true, example: '销售', convert: role },
  { field: 'managerId', header: '上级', aliases: ['manager', '上级ID'], example: 'carol', convert: asText },
  { field: 'team', header: '团队', aliases: ['team'], example: '华东', convert: asText },
  { field: 'region', header: '区域', aliases: ['region'], example: '华东', convert: asText },
  { field: 'dealer', header: '代理商', aliases: ['dealer', '所属代理商'], example: '', convert: asText },
  { field: 'active', header: '状态', aliases: ['active', '在职'], example: '在职', convert: active },
  { field: 'wecomUserId', header: '企业微信ID', aliases: ['wecom', '企微ID', 'wecomUserId'], example: 'LiLei', convert: asText },
  { field: 'dingtalkUserId', header: '钉钉ID', aliases: ['dingtalk', 'dingtalkUserId'], example: 'manager1234', convert: asText },
];

export const GROUP_COLUMNS: Column[] = [
  { field: 'name', header: '群名', aliases: ['name', '群名称'], required: true, example: '华东销售群', convert: asText },
  { field: 'platform', header: '平台', aliases: ['platform'], example: 'wecom', convert: (v) => ({ 企业微信: 'wecom', 钉钉: 'dingtalk', 控制台: 'console' })[String(v).trim()] ?? String(v).trim().toLowerCase() },
  { field: 'chatId', header: '会话ID', aliases: ['chatId', 'chatid', '群ID'], example: 'wrkSFfCgAAxxxx', convert: asText },
  { field: 'team', header: '团队', aliases: ['team'], example: '华东', convert: asText },
  { field: 'members', header: '成员', aliases: ['members'], example: 'alice,bob,carol', convert: asList },
];

export const DEALER_COLUMNS: Column[] = [
  { field: 'name', header: '代理商名称', aliases: ['name', '代理商'], required: true, example: '杭州云启科技', convert: asText },
  { field: 'channelManagerId', header: '渠道经理', aliases: ['channelManager', '渠道经理ID'], example: 'carol', convert: asText },
  { field: 'regions', header: '授权区域', aliases: ['regions', '区域'], example: '浙江省', convert: asList },
];

export const ORG_SHEETS = {
  staff: { names: ['人员', '员工', '组织', 'staff'], columns: STAFF_COLUMNS },
  groups: { names: ['群', '群组', 'groups'], columns: GROUP_COLUMNS },
  dealers: { names: ['代理商', 'dealers'], columns: DEALER_COLUMNS },
} as const;

export type OrgSheetKind = keyof typeof ORG_SHEETS;
