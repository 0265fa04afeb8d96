import { type RegisterView, seesClass } from '../../policies/register';

/** A person as the API shows them: masked, with the classes the caller may see. */
export interface PersonView {
  id: string;
  name: string;
  gridCode: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  sex: string | null;
  birthDate: string | null;
  residence: string;
  placeId: string | null;
  tags: { code: string; since: Date }[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  archiveReason: string | null;
}

/** The columns a presented person needs (never the ciphertexts or indexes). */
export const PERSON_SELECT = {
  id: true,
  name: true,
  gridCode: true,
  idNumberMasked: true,
  phoneMasked: true,
  sex: true,
  birthDate: true,
  residence: true,
  placeId: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  archivedAt: true,
  archiveReason: true,
  tags: { select: { tagCode: true, since: true }, orderBy: { tagCode: 'asc' } },
} as const;

type PersonRow = Omit<PersonView, 'tags'> & { tags: { tagCode: string; since: Date }[] };

/** Shapes a row for a caller: tags of classes they may not see are left out. */
export function presentPerson(row: PersonRow, view: RegisterView): PersonView {
  const { tags, ...rest } = row;
  return {
    ...rest,
    tags: tags.filter((t) => seesClass(view, t.tagCode)).map((t) => ({ code: t.tagCode, since: t.since })),
  };
}
