import type { OrgData } from './org-data';

/** The demo organisation of design.md: what the console starts with. */
export const DEMO_ORG: OrgData = {
  dealers: [{ name: '杭州云启科技', channelManagerId: 'carol', regions: ['浙江省'] }],
  staff: [
    { id: 'dave', name: '王总', role: 'director', team: '管理层', region: '全国', active: true },
    { id: 'carol', name: '陈经理', role: 'manager', managerId: 'dave', team: '华东', region: '华东', active: true },
    { id: 'erin', name: '吴经理', role: 'manager', managerId: 'dave', team: '华北', region: '华北', active: true },
    { id: 'alice', name: '李雷', role: 'sales', managerId: 'carol', team: '华东', region: '华东', active: true },
    { id: 'bob', name: '韩梅梅', role: 'sales', managerId: 'carol', team: '华东', region: '华东', active: true },
    { id: 'frank', name: '赵强', role: 'sales', managerId: 'erin', team: '华北', region: '华北', active: true },
    { id: 'pat', name: '潘伙伴', role: 'partner', managerId: 'carol', team: '华东', region: '浙江', dealer: '杭州云启科技', active: true },
    { id: 'admin', name: '管理员', role: 'admin', region: '全国', active: true },
  ],
  groups: [
    { name: '华东销售群', platform: 'console', team: '华东', members: ['alice', 'bob', 'carol', 'pat'] },
    { name: '华北销售群', platform: 'console', team: '华北', members: ['frank', 'erin'] },
    { name: '管理层群', platform: 'console', team: '管理层', members: ['carol', 'erin', 'dave'] },
  ],
};
