import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../api/src/context';
import type { Tx } from '../../api/src/db/open-database';
import { protectPhone } from '../../api/src/services/register/protect-phone';
import { createRandom } from '../../shared/src/random';
import { teamAround } from './seed-users';

/** Demo contact and team phones: 199 0002 NNNN, the same clearly fake series as the persons'. */
const DEMO_PHONE_PREFIX = '1990002';

type Cell = { code: string; villageCode: string; townshipCode: string; countyCode: string; name: string };
type Row = Record<string, unknown> & { id: string; gridCode: string };

/**
 * The demo register's places, things, organisations, 民情日志 and 1+N teams for the cells of
 * the two demo villages: per cell two buildings of two units of four households (the cell's
 * persons live in them), a rental flat, components (manhole covers, street lights, a hydrant)
 * at positions checked to lie in the cell, a party branch (一格一支部) and a 民情日志 entry;
 * per village a school, a market, a hazardous-goods site, a 红旗驿站 and two enterprises.
 * Every record gets its CREATED history line. Returns the number of records.
 */
export async function seedRecords(ctx: AppContext, villages: string[]): Promise<number> {
  const random = createRandom(13) /* the same demo data on every machine */;
  const cells: Cell[] = await ctx.db.read.grid.findMany({
    where: { villageCode: { in: villages } },
    select: { code: true, villageCode: true, townshipCode: true, countyCode: true, name: true },
    orderBy: { code: 'asc' },
  });
  const authors = await ctx.db.read.user.findMany({
    where: { username: { in: ['gridworker', 'village.operator'] } },
    select: { id: true, username: true },
  });
  const worker = authors.find((a) => a.username === 'gridworker')?.id;
  const operator = authors.find((a) => a.username === 'village.operator')?.id ?? worker;
  if (!operator) return 0;
  const workerCells = new Set(
    worker
      ? (await ctx.db.read.gridMember.findMany({ where: { userId: worker } })).map((m) => m.gridCode)
      : [],
  );
  const now = ctx.clock.now();
  const unitCodes = (c: Cell) => ({
    gridCode: c.code,
    villageCode: c.villageCode,
    townshipCode: c.townshipCode,
    countyCode: c.countyCode,
  });
  /** A point of the cell: random in its box until the grid index puts it in the cell. */
  const pointIn = async (c: Cell) => {
    const g = await ctx.db.read.grid.findUniqueOrThrow({ where: { code: c.code } });
    for (let i = 0; i < 50; i++) {
      const lon = g.minLon + random() * (g.maxLon - g.minLon);
      const lat = g.minLat + random() * (g.maxLat - g.minLat);
      if (ctx.grids.locate(lon, lat) === c.code) return { lon, lat };
    }
    return { lon: g.centroidLon, lat: g.centroidLat };
  };
  let phones = 0;
  const contact = () => {
    const p = protectPhone(ctx.registerCipher, `${DEMO_PHONE_PREFIX}${String(phones++).padStart(4, '0')}`);
    return { contactPhoneCipher: p.cipher, contactPhoneIndex: p.index, contactPhoneMasked: p.masked };
  };

  const places: Row[] = [];
  const things: Row[] = [];
  const orgs: Row[] = [];
  const situations: Row[] = [];
  const residents: { householdIds: string[]; gridCode: string }[] = [];
  const stamp = { version: 1, createdAt: now, updatedAt: now };
  const place = (c: Cell, fields: Record<string, unknown>) => {
    const row = { id: randomUUID(), ...unitCodes(c), ...stamp, ...fields };
    places.push(row);
    return row.id;
  };

  for (const [i, c] of cells.entries()) {
    const householdIds: string[] = [];
    for (const b of [1, 2]) {
      const building = place(c, {
        kind: 'BUILDING',
        name: `${c.name} ${b} 号楼`,
        building: String(b),
        ...(await pointIn(c)),
      });
      for (const u of [1, 2]) {
        const unit = place(c, {
          kind: 'UNIT',
          name: `${b} 号楼 ${u} 单元`,
          parentId: building,
          building: String(b),
          unit: String(u),
        });
        for (const h of [101, 102, 201, 202]) {
          const kind = b === 2 && u === 2 && h === 202 ? 'RENTAL' : 'HOUSEHOLD';
          const name = `${b}-${u}-${h}${kind === 'RENTAL' ? '（出租）' : ''}`;
          householdIds.push(
            place(c, {
              kind,
              name,
              parentId: unit,
              building: String(b),
              unit: String(u),
              household: String(h),
            }),
          );
        }
      }
    }
    residents.push({ householdIds, gridCode: c.code });
    const components = [
      ['0101', '上水井盖'],
      ['0102', '污水井盖'],
      ['0105', '电力井盖'],
      ['0120', '路灯'],
      ['0120', '路灯'],
      ['0117', '消火栓'],
    ] as const;
    for (const [k, [classCode, name]] of components.entries())
      things.push({
        id: randomUUID(),
        ...unitCodes(c),
        ...stamp,
        classCode,
        name,
        code: `${c.code}-${classCode}-${String(k + 1).padStart(2, '0')}`,
        state: k === 1 && i % 3 === 0 ? 'DAMAGED' : 'NORMAL',
        ...(await pointIn(c)),
      });
    orgs.push({
      id: randomUUID(),
      ...unitCodes(c),
      ...stamp,
      kind: 'PARTY_BRANCH',
      name: `${c.name}党支部`,
      contactName: '支部书记',
      ...contact(),
    });
    situations.push({
      id: randomUUID(),
      ...unitCodes(c),
      ...stamp,
      kind: i % 2 === 0 ? 'VISIT' : 'DIFFICULTY',
      date: now.toISOString().slice(0, 10),
      note: i % 2 === 0 ? '入户走访，住户反映楼道照明不足' : '独居老人反映冬季取暖困难，已联系社区',
      placeId: householdIds[0],
      authorId: workerCells.has(c.code) ? worker : operator,
    });
  }
  for (const v of villages) {
    const [first, second, third] = cells.filter((c) => c.villageCode === v);
    if (!first) continue;
    const site = async (c: Cell | undefined, kind: string, name: string) =>
      place(c ?? first, { kind, name, ...(await pointIn(c ?? first)) });
    await site(first, 'SCHOOL', '中心小学');
    await site(second, 'MARKET', '农贸市场');
    await site(third, 'HAZARDOUS', '加油站（危化品）');
    const org = async (c: Cell, kind: string, name: string) =>
      orgs.push({
        id: randomUUID(),
        ...unitCodes(c),
        ...stamp,
        kind,
        name,
        contactName: '负责人',
        ...contact(),
        ...(await pointIn(c)),
      });
    await org(first, 'HONGQI_STATION', '红旗驿站');
    await org(second ?? first, 'ENTERPRISE', '鲁西 示例 商贸有限公司');
    await org(third ?? first, 'ENTERPRISE', '东昌 示例 物流有限公司');
  }

  await ctx.db.transaction(
    async (tx) => {
      await tx.place.createMany({ data: places as never });
      await tx.thing.createMany({ data: things as never });
      await tx.organisation.createMany({ data: orgs as never });
      await tx.situation.createMany({ data: situations as never });
      await writeCreated(tx, now, [
        ['PLACE', places],
        ['THING', things],
        ['ORGANISATION', orgs],
        ['SITUATION', situations],
      ]);
      await housePersons(tx, residents);
      await fillTeams(tx, cells, (phone) => {
        const p = protectPhone(ctx.registerCipher, phone);
        return { phoneCipher: p.cipher, phoneIndex: p.index, phoneMasked: p.masked };
      });
    },
    { timeout: 120_000 },
  );
  return places.length + things.length + orgs.length + situations.length;
}

/** The CREATED history line of every seeded record (fields by name: no values to keep). */
function writeCreated(tx: Tx, at: Date, groups: [string, Row[]][]) {
  return tx.registerChange.createMany({
    data: groups.flatMap(([recordType, rows]) =>
      rows.map((r) => ({
        recordType,
        recordId: r.id,
        version: 1,
        at,
        userId: null,
        kind: 'CREATED',
        changes: JSON.stringify([{ field: 'gridCode', before: null, after: r.gridCode }]),
      })),
    ),
  });
}

/** The cell's persons live in its households, four or five to a household. */
async function housePersons(tx: Tx, residents: { householdIds: string[]; gridCode: string }[]) {
  for (const { householdIds, gridCode } of residents) {
    const persons = await tx.person.findMany({
      where: { gridCode },
      select: { id: true },
      orderBy: { id: 'asc' },
    });
    for (const [h, placeId] of householdIds.entries()) {
      const ids = persons.filter((_, i) => i % householdIds.length === h).map((p) => p.id);
      if (ids.length > 0) await tx.person.updateMany({ where: { id: { in: ids } }, data: { placeId } });
    }
  }
}

/** A 1+N team for every demo cell that has none yet (the demo workers' cells have theirs). */
async function fillTeams(tx: Tx, cells: Cell[], protect: Parameters<typeof teamAround>[1]) {
  const staffed = new Set(
    (await tx.gridMember.findMany({ select: { gridCode: true } })).map((m) => m.gridCode),
  );
  const data = cells
    .filter((c) => !staffed.has(c.code))
    .flatMap((c) => [
      {
        gridCode: c.code,
        position: 0,
        role: 'WORKER',
        name: `专职网格员 ${c.name}`,
        ...protect(`1990003${c.code.slice(-3)}0`),
      },
      ...teamAround(c.code, protect),
    ]);
  await tx.gridMember.createMany({ data });
}
