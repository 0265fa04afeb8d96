import type { Tx } from '../../api/src/db/open-database';
import { hashPassword } from '../../api/src/services/auth/password';
import type { Role } from '../../shared/src/domain/constants';
import type { DivisionsData } from './synthetic-grids';

/** The demo jurisdiction: 东昌府区, its first two townships, a village and cells in each. */
export interface DemoPlaces {
  city: string;
  county: string;
  township: string;
  township2: string;
  village: string;
  village2: string;
  grid: string;
  grid2: string;
}

/** Picks the demo places from the data (first townships of 东昌府区 371502 by code). */
export async function findDemoPlaces(tx: Tx, divisions: DivisionsData): Promise<DemoPlaces> {
  const county = '371502000000';
  const townships = divisions.townships.filter(([c]) => c.startsWith('371502')).map(([c]) => c);
  const [township, township2] = townships;
  if (!township || !township2) throw new Error('371502 needs two townships');
  const firstCell = async (t: string) => {
    const g = await tx.grid.findFirst({ where: { townshipCode: t }, orderBy: { code: 'asc' } });
    if (!g) throw new Error(`no grid cell in ${t}`);
    return g;
  };
  const [g1, g2] = [await firstCell(township), await firstCell(township2)];
  return {
    city: divisions.city[0],
    county,
    township,
    township2,
    village: g1.villageCode,
    village2: g2.villageCode,
    grid: g1.code,
    grid2: g2.code,
  };
}

type UserSeed = {
  username: string;
  displayName: string;
  role: Role;
  unitCode: string | null;
  departmentId?: string;
  grid?: string;
};

/** The demo accounts listed in README.md. */
export function demoUsers(p: DemoPlaces): UserSeed[] {
  return [
    { username: 'admin', displayName: '系统管理员', role: 'ADMIN', unitCode: p.city },
    { username: 'city.dispatcher', displayName: '市中心派遣员', role: 'DISPATCHER', unitCode: p.city },
    {
      username: 'county.dispatcher',
      displayName: '东昌府区中心派遣员',
      role: 'DISPATCHER',
      unitCode: p.county,
    },
    {
      username: 'township.dispatcher',
      displayName: '街道中心派遣员',
      role: 'DISPATCHER',
      unitCode: p.township,
    },
    {
      username: 'township2.dispatcher',
      displayName: '街道二中心派遣员',
      role: 'DISPATCHER',
      unitCode: p.township2,
    },
    {
      username: 'village.operator',
      displayName: '社区工作站操作员',
      role: 'STATION_OPERATOR',
      unitCode: p.village,
    },
    {
      username: 'village2.operator',
      displayName: '社区工作站二操作员',
      role: 'STATION_OPERATOR',
      unitCode: p.village2,
    },
    {
      username: 'gridworker',
      displayName: '网格员 王芳',
      role: 'GRID_WORKER',
      unitCode: p.village,
      grid: p.grid,
    },
    {
      username: 'gridworker2',
      displayName: '网格员 李强',
      role: 'GRID_WORKER',
      unitCode: p.village2,
      grid: p.grid2,
    },
    {
      username: 'dept.chengguan',
      displayName: '区综合执法局 赵磊',
      role: 'DEPT_STAFF',
      unitCode: p.county,
      departmentId: '371502-CHENGGUAN',
    },
    {
      username: 'dept.chengguan2',
      displayName: '区综合执法局 孙敏',
      role: 'DEPT_STAFF',
      unitCode: p.county,
      departmentId: '371502-CHENGGUAN',
    },
    {
      username: 'dept.gongan',
      displayName: '区公安分局 周军',
      role: 'DEPT_STAFF',
      unitCode: p.county,
      departmentId: '371502-GONGAN',
    },
    { username: 'command.city', displayName: '市指挥中心值班员', role: 'VIEWER', unitCode: p.city },
    { username: 'hotline', displayName: '12345 热线话务员', role: 'HOTLINE', unitCode: p.city },
    { username: 'auditor', displayName: '数据安全审计员 钱明', role: 'AUDITOR', unitCode: p.city },
  ];
}

/** Stores a phone as the register does: encrypted, blind-indexed and masked, never in clear. */
export type ProtectPhone = (phone: string) => {
  phoneCipher: string;
  phoneIndex: string;
  phoneMasked: string;
};

/** The rest of a demo cell's "1+N" team (网格长, 法律顾问, 社区民警, 调解员); no accounts. */
export function teamAround(gridCode: string, protect: ProtectPhone) {
  const n = gridCode.slice(-3);
  return [
    { gridCode, position: 1, role: 'LEADER', name: '网格长 陈建国', ...protect(`1990001${n}1`) },
    { gridCode, position: 2, role: 'LEGAL_ADVISOR', name: '法律顾问 刘律师', ...protect(`1990001${n}2`) },
    { gridCode, position: 3, role: 'POLICE', name: '社区民警 张警官', ...protect(`1990001${n}3`) },
    { gridCode, position: 4, role: 'MEDIATOR', name: '人民调解员 赵大姐', ...protect(`1990001${n}4`) },
  ];
}

/** Creates the demo accounts (one password for all) and their grid-team memberships. */
export async function seedUsers(tx: Tx, places: DemoPlaces, password: string, protect: ProtectPhone) {
  const hash = await hashPassword(password);
  for (const u of demoUsers(places)) {
    const user = await tx.user.create({
      data: {
        username: u.username,
        displayName: u.displayName,
        passwordHash: hash,
        role: u.role,
        unitCode: u.unitCode,
        departmentId: u.departmentId ?? null,
      },
    });
    if (u.grid) {
      await tx.gridMember.create({
        data: {
          gridCode: u.grid,
          role: 'WORKER',
          name: u.displayName,
          ...protect('13863500000'),
          userId: user.id,
        },
      });
      await tx.gridMember.createMany({ data: teamAround(u.grid, protect) });
    }
  }
  return demoUsers(places).length;
}
