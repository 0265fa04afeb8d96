import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { XLSX_TYPE } from '../services/register/person-workbook';
import { AppError } from './app-error';

/** `?dryRun=` of a sheet import. */
export const ZImportQuery = z.object({ dryRun: z.enum(['true', 'false', '1', '0']).optional() });
const SHEET_MAX_BYTES = 10 * 2 ** 20;
const readSheet = express.raw({ limit: SHEET_MAX_BYTES, type: () => true });

/** The uploaded sheet's bytes (10 MB at most). */
export function sheetOf(req: Request, res: Response): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    readSheet(req, res, (error?: unknown) => {
      if ((error as { type?: string } | undefined)?.type === 'entity.too.large')
        reject(
          new AppError(
            'PAYLOAD_TOO_LARGE',
            'The sheet is larger than 10 MB; split it by village or township.',
          ),
        );
      else if (error) reject(error);
      else if (!Buffer.isBuffer(req.body) || req.body.length === 0)
        reject(new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the sheet as the request body (${XLSX_TYPE}).`));
      else resolve(req.body);
    }),
  );
}

/** Answers an .xlsx download, never cached. */
export function sendSheet(res: Response, file: Buffer, name: string) {
  res.setHeader('Content-Type', XLSX_TYPE);
  res.setHeader('Content-Disposition', `attachment; filename="${name}"`);
  res.setHeader('Cache-Control', 'no-store');
  res.send(file);
}
