import { MOBILE_PATTERN, normalisePhone } from '@wangge/shared/register/id-number';
import { protectPhone } from '../protect-phone';
import { locationProblem, placeProblem } from './record-checks';
import { RECORD_COLUMNS } from './record-columns';
import { LOCATION_FIELD, type RecordDescriptor, type RecordTable } from './record-descriptor';

/**
 * Organisations (组织): enterprises, social organisations, party branches, 红旗驿站 … The
 * contact's phone is personal data: stored only encrypted, blind-indexed and masked, like a
 * person's phone; the contact's name and phone go into the history by name only.
 */
export const ORGANISATIONS: RecordDescriptor = {
  type: 'organisations',
  historyType: 'ORGANISATION',
  noun: 'organisation',
  table: (db) => db.organisation as unknown as RecordTable,
  select: {
    ...RECORD_COLUMNS,
    kind: true,
    name: true,
    address: true,
    placeId: true,
    contactName: true,
    contactPhoneMasked: true,
    lon: true,
    lat: true,
  },
  secretSelect: { contactPhoneCipher: true },
  fields: {
    kind: {},
    name: {},
    address: {},
    placeId: {},
    contactName: { personal: true },
    contactPhone: {
      personal: true,
      write: (ctx, v) => {
        const p = typeof v === 'string' ? protectPhone(ctx.registerCipher, v) : null;
        return {
          contactPhoneCipher: p?.cipher ?? null,
          contactPhoneIndex: p?.index ?? null,
          contactPhoneMasked: p?.masked ?? null,
        };
      },
      read: (ctx, row) =>
        row.contactPhoneCipher ? ctx.registerCipher.decrypt('phone', String(row.contactPhoneCipher)) : null,
    },
    location: LOCATION_FIELD,
  },
  kindColumn: 'kind',
  check: async (ctx, f, gridCode) => [
    ...(await placeProblem(ctx, f.placeId, gridCode, 'placeId')),
    ...locationProblem(ctx, f.location, gridCode),
  ],
  search(ctx, text) {
    const phone = normalisePhone(text);
    if (MOBILE_PATTERN.test(phone))
      return { contactPhoneIndex: ctx.registerCipher.blindIndex('phone', phone) };
    return { name: { startsWith: text } };
  },
};
