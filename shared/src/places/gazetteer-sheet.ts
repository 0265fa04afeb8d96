import { z } from 'zod';
import { GAZETTEER_KIND_NAMES, GAZETTEER_KINDS, type GazetteerKind, normalisePlaceName } from './place-names';

/** The sheet of a gazetteer workbook (or a CSV file with the same header row). */
export const GAZETTEER_SHEET = '地名库';

/** The gazetteer file's columns: header in row 1 in Chinese or English. */
export const GAZETTEER_COLUMNS = [
  { key: 'name', zh: '名称', en: 'Name', required: true },
  { key: 'kind', zh: '类别', en: 'Kind', required: true },
  { key: 'aliases', zh: '别名', en: 'Aliases' },
  { key: 'lon', zh: '经度', en: 'Longitude', required: true },
  { key: 'lat', zh: '纬度', en: 'Latitude', required: true },
  { key: 'source', zh: '来源', en: 'Source' },
] as const;
export type GazetteerColumnKey = (typeof GAZETTEER_COLUMNS)[number]['key'];

/** The column key of a header text (Chinese, English or the key itself), if it is one. */
export function gazetteerColumnOfHeader(header: string): GazetteerColumnKey | undefined {
  const h = normalisePlaceName(header);
  return GAZETTEER_COLUMNS.find((c) => [c.key, c.zh, c.en].some((n) => normalisePlaceName(n) === h))?.key;
}

/** The kind a cell names (VILLAGE, 村/社区, 村 …), if any. */
export function gazetteerKindOfText(text: string): GazetteerKind | undefined {
  const t = normalisePlaceName(text);
  return GAZETTEER_KINDS.find(
    (k) => k.toLowerCase() === t || GAZETTEER_KIND_NAMES[k].some((n) => normalisePlaceName(n) === t),
  );
}

/** A kind's first Chinese name without Latin letters (地标, not 地标/POI), for messages. */
const chineseKindName = (kind: GazetteerKind) =>
  GAZETTEER_KIND_NAMES[kind].find((n) => !/[A-Za-z]/.test(n)) ?? kind;

const ZCoordinate = (min: number, max: number) =>
  z
    .string({ error: 'required' })
    .regex(
      /^-?\d{1,3}(\.\d{1,9})?$/,
      '须为十进制度数的 GPS 坐标 · must be a decimal number of degrees (WGS-84)',
    )
    .transform(Number)
    .pipe(z.number().min(min).max(max));

/**
 * One row of a gazetteer file: a name (1–60 characters), its kind, aliases separated by
 * 、，,；; or |, a WGS-84 point, and where it comes from (the file's name when left empty).
 */
export const ZGazetteerRow = z.object({
  name: z.string({ error: 'required' }).trim().min(1, 'required').max(60, 'at most 60 characters'),
  kind: z.string({ error: 'required' }).transform((text, c) => {
    const kind = gazetteerKindOfText(text);
    if (!kind)
      c.addIssue({
        code: 'custom',
        // Both languages, as the register's sheets word it: the screen shows the reader's half.
        message: `须为${GAZETTEER_KINDS.map(chineseKindName).join('、')}之一 · must be one of ${GAZETTEER_KINDS.join(', ')} (or their Chinese names)`,
      });
    return kind ?? 'OTHER';
  }),
  aliases: z
    .string()
    .optional()
    .transform((text) => [
      ...new Set(
        (text ?? '')
          .split(/[、，,；;|]/u)
          .map((a) => a.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().max(60, 'each alias at most 60 characters')).max(10, 'at most 10 aliases')),
  lon: ZCoordinate(-180, 180),
  lat: ZCoordinate(-90, 90),
  source: z.string().trim().max(100, 'at most 100 characters').optional(),
});
export type TGazetteerRow = z.infer<typeof ZGazetteerRow>;
