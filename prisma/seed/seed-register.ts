import type { AppContext } from '../../api/src/context';
import { createRandom } from '../../shared/src/random';
import { PERSON_CLASSES, RESIDENCE_KINDS } from '../../shared/src/register/classes';
import { idCheckDigit } from '../../shared/src/register/id-number';
import { maskIdNumber, maskPhone } from '../../shared/src/register/mask';
import type { DemoPlaces } from './seed-users';

/**
 * Area code of every demo ID number: 371599 was never assigned (聊城's county-level codes are
 * 371502, 371503, 371521–371526 and 371581; 371523 is abolished), so no real person holds
 * one of these numbers, yet they pass the GB 11643 checks (province 37, real birth date,
 * MOD 11-2 check digit) like real ones. Phones are 199 0000 NNNN, a block of one number series.
 */
export const DEMO_ID_AREA = '371599';
const DEMO_PHONE_PREFIX = '1990000';

const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '赵',
  '黄',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '秀英',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
];

/** The n-th demo ID number: area 371599, a birth date from 1940–2015, its check digit. */
export function demoIdNumber(n: number, random: () => number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + Math.floor(random() * 76 * 365.25) * 86_400_000);
  const date = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `${DEMO_ID_AREA}${date}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckDigit(first17)}`;
}

/**
 * The demo register: `perCell` persons in every cell of the two demo villages, one in 25
 * tagged (cycling through the classes; the demo grid worker's cell gets one of each group),
 * all encrypted and indexed like recorded ones. Returns the number of persons.
 */
export async function seedRegister(ctx: AppContext, places: DemoPlaces, perCell = 40): Promise<number> {
  const random = createRandom(3715) /* the demo register is the same on every machine */;
  const cells = await ctx.db.read.grid.findMany({
    where: { villageCode: { in: [places.village, places.village2] } },
    select: { code: true, villageCode: true, townshipCode: true, countyCode: true },
    orderBy: { code: 'asc' },
  });
  const cipher = ctx.registerCipher;
  const now = ctx.clock.now();
  let n = 0;
  let tagged = 0;
  await ctx.db.transaction(
    async (tx) => {
      for (const cell of cells) {
        for (let i = 0; i < perCell; i++, n++) {
          const idNumber = demoIdNumber(n, random);
          const phone = `${DEMO_PHONE_PREFIX}${String(n).padStart(4, '0')}`;
          const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
          // The demo worker's cell: a 关注对象, a 救助人员 and a 重点人员 among its first persons.
          const forced = cell.code === places.grid && i < 3 ? ['CONCERN', 'AID', 'KEY'][i] : undefined;
          const cls = forced
            ? PERSON_CLASSES.find((c) => c.group === forced)
            : n % 25 === 24
              ? PERSON_CLASSES[tagged % PERSON_CLASSES.length]
              : undefined;
          if (cls) tagged++;
          const person = await tx.person.create({
            data: {
              gridCode: cell.code,
              villageCode: cell.villageCode,
              townshipCode: cell.townshipCode,
              countyCode: cell.countyCode,
              name: `${pick(SURNAMES)}${pick(GIVEN)}`,
              idNumberCipher: cipher.encrypt('idNumber', idNumber),
              idNumberIndex: cipher.blindIndex('idNumber', idNumber),
              idNumberMasked: maskIdNumber(idNumber),
              phoneCipher: cipher.encrypt('phone', phone),
              phoneIndex: cipher.blindIndex('phone', phone),
              phoneMasked: maskPhone(phone),
              sex: Number(idNumber[16]) % 2 === 1 ? 'M' : 'F',
              birthDate: `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`,
              residence: random() < 0.8 ? 'HOUSEHOLD' : pick(RESIDENCE_KINDS),
              createdAt: now,
              updatedAt: now,
              ...(cls ? { tags: { create: [{ tagCode: cls.code, since: now }] } } : {}),
            },
            select: { id: true },
          });
          await tx.personChange.create({
            data: {
              personId: person.id,
              at: now,
              userId: null,
              kind: 'CREATED',
              changes: JSON.stringify([{ field: 'name' }, { field: 'idNumber' }, { field: 'phone' }]),
            },
          });
        }
      }
    },
    { timeout: 120_000 },
  );
  return n;
}
