import { AppError } from '../../http/app-error';

/** A keyset cursor after a row ordered by (time desc, id desc), opaque to clients. */
export function encodeCursor(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

/** The row a cursor points after; 400 on a cursor this server did not write. */
export function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const [raw, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const at = new Date(String(raw));
    if (Number.isNaN(at.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { at, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid.', [
      { path: 'query.cursor', message: 'invalid cursor' },
    ]);
  }
}
