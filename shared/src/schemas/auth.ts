import { z } from 'zod';

/** POST /api/auth/login */
export const ZLogin = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type TLogin = z.infer<typeof ZLogin>;
