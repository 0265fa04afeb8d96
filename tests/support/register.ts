import { idCheckDigit } from '../../shared/src/register/id-number';
import type { ApiClient } from './test-app';

/**
 * A valid ID number for tests, unique per `n`: area 410105 (郑州市金水区, outside the demo
 * register's 371599), a birth date in 1980–1999, the check digit computed.
 */
export function testIdNumber(n: number, birth = '19850612'): string {
  const first17 = `410105${birth}${String(n % 1000).padStart(3, '0')}`;
  return `${first17}${idCheckDigit(first17)}`;
}

/** A valid mobile number for tests, unique per `n`. */
export const testPhone = (n: number) => `1370000${String(n).padStart(4, '0')}`;

/** Records a person as `client` (default: in the client's first cell); throws unless 201. */
export async function buildPerson(
  client: ApiClient,
  overrides: Partial<{
    name: string;
    idNumber: string;
    phone: string;
    gridCode: string;
    residence: string;
    tags: string[];
  }> & {
    n: number;
  },
) {
  const { n, ...rest } = overrides;
  const res = await client.post('/api/register/persons', {
    name: '测试 居民',
    idNumber: testIdNumber(n),
    phone: testPhone(n),
    gridCode: client.user.gridCodes?.[0],
    residence: 'HOUSEHOLD',
    ...rest,
  });
  if (res.status !== 201) throw new Error(`record failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data;
}
