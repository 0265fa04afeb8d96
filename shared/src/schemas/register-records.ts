import { z } from 'zod';
import { COMPONENT_CLASS_CODES, THING_STATES } from '../register/components';
import { RECORD_LAYER_CLASSES } from '../register/layers';
import {
  codesOf,
  ORGANISATION_KINDS,
  PLACE_KINDS,
  SITUATION_KINDS,
  TEAM_ROLES,
} from '../register/record-kinds';
import { ZGridCode, ZIsoDate, ZLocation, ZReason, ZUnitCode } from './common';
import { ZMobilePhone } from './register';
import { zText } from './text';

/** The register's record types served by /api/register/<type> beside persons. */
export const RECORD_TYPES = ['places', 'things', 'organisations', 'situations'] as const;
export type TRecordType = (typeof RECORD_TYPES)[number];

const name = (max: number) => zText(z.string().trim().min(1).max(max));
const optionalText = (max: number) => zText(z.string().trim().min(1).max(max)).nullable().optional();

/** A GeoJSON Polygon (one outer ring of 4–500 positions, closed) for a site's outline. */
export const ZOutline = z.object({
  type: z.literal('Polygon'),
  coordinates: z
    .array(
      z
        .array(z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]))
        .min(4)
        .max(500),
    )
    .min(1)
    .max(1),
});

/** A city component's code: letters, digits and dashes, unique in the city. */
const ZThingCode = z.string().regex(/^[0-9A-Za-z-]{4,40}$/, 'must be 4–40 letters, digits or dashes');

/** The fields of each record type, without the cell (nullable: cleared by a patch). */
const shapes = (today: string) => ({
  places: {
    kind: z.enum(codesOf(PLACE_KINDS)),
    name: name(100),
    parentId: z.uuid().nullable().optional(),
    building: optionalText(20),
    unit: optionalText(20),
    household: optionalText(20),
    address: optionalText(200),
    location: ZLocation.nullable().optional(),
    outline: ZOutline.nullable().optional(),
  },
  things: {
    classCode: z.enum(COMPONENT_CLASS_CODES),
    code: ZThingCode,
    name: name(100),
    location: ZLocation,
    state: z.enum(codesOf(THING_STATES)),
    note: optionalText(500),
  },
  organisations: {
    kind: z.enum(codesOf(ORGANISATION_KINDS)),
    name: name(100),
    address: optionalText(200),
    placeId: z.uuid().nullable().optional(),
    contactName: optionalText(50),
    contactPhone: ZMobilePhone.nullable().optional(),
    location: ZLocation.nullable().optional(),
  },
  situations: {
    kind: z.enum(codesOf(SITUATION_KINDS)),
    date: ZIsoDate.refine((d) => d <= today, 'must not be after today'),
    note: zText(z.string().trim().min(2).max(2000)),
    placeId: z.uuid().nullable().optional(),
    personId: z.uuid().nullable().optional(),
    caseId: z.uuid().nullable().optional(),
  },
});

/**
 * POST /api/register/<type> (the record in a cell) and PATCH …/:id (the fields to change, at
 * the version read) for each record type. `today` (YYYY-MM-DD, Shanghai) bounds a 民情日志's date.
 */
export function recordSchemas(today: string) {
  const s = shapes(today);
  const pair = <S extends z.ZodRawShape>(shape: S) => ({
    input: z.object({ gridCode: ZGridCode, ...shape }).strict(),
    patch: z
      .object({ gridCode: ZGridCode, ...shape })
      .partial()
      .extend({ version: z.number().int().min(1) })
      .strict(),
  });
  return {
    places: pair(s.places),
    things: pair(s.things),
    organisations: pair(s.organisations),
    situations: pair(s.situations),
  };
}
type Schemas = ReturnType<typeof recordSchemas>;
/** A new record of a type, as validated. */
export type TRecordInput<T extends TRecordType> = z.infer<Schemas[T]['input']>;
/** A change of a record of a type, as validated. */
export type TRecordPatch<T extends TRecordType> = z.infer<Schemas[T]['patch']>;

/** The `kind=` filter of each type: a place or organisation kind, a component class, a 民情 kind. */
const KIND_FILTERS = {
  places: z.enum(codesOf(PLACE_KINDS)),
  things: z.enum(COMPONENT_CLASS_CODES),
  organisations: z.enum(codesOf(ORGANISATION_KINDS)),
  situations: z.enum(codesOf(SITUATION_KINDS)),
} as const;

/** GET /api/register/<type>: filters, keyset-paged newest first. */
export const zRecordQuery = (type: TRecordType) =>
  z.object({
    grid: ZGridCode.optional(),
    unit: ZUnitCode.optional(),
    kind: KIND_FILTERS[type].optional(),
    /** A name prefix (a component code prefix for things; a full mobile number for organisations). */
    q: zText(z.string().trim().min(1).max(50)).optional(),
    archived: z.enum(['true', 'false']).optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  });
export type TRecordQuery = z.infer<ReturnType<typeof zRecordQuery>>;

/** One member of a cell's 1+N team; a member kept by `id` without `phone` / `userId` keeps them. */
const ZTeamMember = z
  .object({
    id: z.uuid().optional(),
    role: z.enum(codesOf(TEAM_ROLES)),
    name: name(50),
    userId: z.uuid().nullable().optional(),
    phone: ZMobilePhone.nullable().optional(),
  })
  .strict();

/** PUT /api/register/cells/:code/team: the whole team, in order, at the team version read. */
export const ZTeamInput = z
  .object({
    version: z.number().int().min(1),
    members: z
      .array(ZTeamMember)
      .max(30)
      .refine((m) => m.filter((x) => x.role === 'LEADER').length <= 1, 'must have at most one grid leader')
      .refine((m) => {
        const ids = m.flatMap((x) => (x.id ? [x.id] : []));
        return new Set(ids).size === ids.length;
      }, 'must not repeat a member id'),
  })
  .strict();
export type TTeamInput = z.infer<typeof ZTeamInput>;

/** The register layers whose records are points on the map at village zoom, and their types. */
export const POINT_LAYER_TYPES = { PLACE: 'places', THING: 'things', ORGANISATION: 'organisations' } as const;
export type TPointType = keyof typeof POINT_LAYER_TYPES;

/** The widest box (degrees) points are asked for: a few villages, the map at zoom 13 and closer. */
export const POINTS_MAX_SPAN = 0.25;
/** The most points one answer carries (`truncated` says when more were in the box). */
export const POINTS_LIMIT = 2000;

/**
 * GET /api/register/points?layer=THING:FAULTY&bbox=west,south,east,north: the located records of
 * a place, component or organisation layer in a box.
 */
export const ZPointsQuery = z.object({
  layer: z.string().refine((layer) => {
    const [type = '', cls = ''] = layer.split(':');
    return type in POINT_LAYER_TYPES && RECORD_LAYER_CLASSES[type as TPointType].includes(cls);
  }, 'must be a place, component or organisation layer, e.g. THING or THING:FAULTY'),
  bbox: z
    .string()
    .transform((s) => s.split(',').map(Number))
    .refine(
      (b) =>
        b.length === 4 &&
        b.every(Number.isFinite) &&
        b[0]! >= -180 &&
        b[2]! <= 180 &&
        b[1]! >= -90 &&
        b[3]! <= 90 &&
        b[0]! < b[2]! &&
        b[1]! < b[3]!,
      'must be west,south,east,north in degrees, west < east and south < north',
    )
    .refine(
      (b) => b.length !== 4 || (b[2]! - b[0]! <= POINTS_MAX_SPAN && b[3]! - b[1]! <= POINTS_MAX_SPAN),
      `must span at most ${POINTS_MAX_SPAN}° each way (zoom in)`,
    )
    .transform(([west, south, east, north]) => ({ west: west!, south: south!, east: east!, north: north! })),
});
export type TPointsQuery = z.infer<typeof ZPointsQuery>;

/** One record on the map. */
export interface RegisterPoint {
  id: string;
  name: string;
  /** A place's or organisation's kind, a component's class code. */
  kind: string;
  lon: number;
  lat: number;
  /** A component's state. */
  state?: string;
}

/**
 * POST /api/register/<type>/export: the records of a type the caller sees with the list's
 * filters, as the import's sheet; organisations' contact phones masked unless `reveal` (roles
 * that may reveal persons' data). The purpose goes to the access log with the export.
 */
export const zRecordExport = (type: TRecordType) =>
  zRecordQuery(type)
    .omit({ cursor: true, limit: true })
    .extend({ reveal: z.boolean().default(false), purpose: ZReason })
    .strict();
export type TRecordExport = z.infer<ReturnType<typeof zRecordExport>>;
