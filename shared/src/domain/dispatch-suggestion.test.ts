import { describe, expect, it } from 'vitest';
import { departmentKindOf, suggestDepartment } from './dispatch-suggestion';

const COUNTY = '371502000000';
const TOWNSHIP = '371502001000';
const departments = [
  { id: 'city-cg', kind: 'CHENGGUAN', unitCode: '371500000000' },
  { id: 'city-gongan', kind: 'GONGAN', unitCode: '371500000000' },
  { id: 'county-cg', kind: 'CHENGGUAN', unitCode: COUNTY },
  { id: 'county-sifa', kind: 'SIFA', unitCode: COUNTY },
  { id: 'town-zhifa', kind: 'ZHIFA', unitCode: TOWNSHIP },
  { id: 'town-shiwu', kind: 'SHIWU', unitCode: TOWNSHIP },
];

describe('the suggested department of a dispatch', () => {
  it("is the owning unit's own department of the category's kind", () => {
    expect(suggestDepartment('CHENGGUAN', COUNTY, departments)).toEqual({
      department: departments[2],
      why: 'SAME_KIND',
    });
  });
  it("is the township's office that does that work", () => {
    expect(suggestDepartment('CHENGGUAN', TOWNSHIP, departments)?.department.id).toBe('town-zhifa');
    expect(suggestDepartment('SIFA', TOWNSHIP, departments)?.department.id).toBe('town-shiwu');
  });
  it('is the nearest unit above when the owner has none (not the city before the county)', () => {
    expect(suggestDepartment('GONGAN', TOWNSHIP, departments)).toEqual({
      department: departments[1],
      why: 'NEAREST_ABOVE',
    });
    const withCountyPolice = [...departments, { id: 'county-gongan', kind: 'GONGAN', unitCode: COUNTY }];
    expect(suggestDepartment('GONGAN', TOWNSHIP, withCountyPolice)?.department.id).toBe('county-gongan');
  });
  it('is nothing without a kind or a matching department', () => {
    expect(suggestDepartment(null, COUNTY, departments)).toBeNull();
    expect(suggestDepartment('SHUIWU', COUNTY, departments)).toBeNull();
  });
  it("takes a sub-class's kind, else its major class's", () => {
    const cats = [
      { code: '02', departmentKind: 'CHENGGUAN' },
      { code: '0204', departmentKind: 'GONGAN' },
      { code: '0203', departmentKind: null },
    ];
    expect(departmentKindOf('0204', cats)).toBe('GONGAN');
    expect(departmentKindOf('0203', cats)).toBe('CHENGGUAN');
    expect(departmentKindOf('9999', cats)).toBeNull();
  });
});
