import { createRequire } from 'node:module';

/**
 * node-postgres (`pg`) for bench/cluster.ts. It is a dependency of @wangge/api, not of the root
 * package, so it is resolved from api/ (the build @prisma/adapter-pg runs on there). The small
 * interface below is all the benchmark uses.
 */
export interface PgResult<R> {
  rows: R[];
  rowCount: number | null;
}
export interface PgQuery {
  /** A name makes pg prepare the statement once per connection. */
  name?: string;
  text: string;
  values?: unknown[];
}
export interface PgClient {
  query<R = Record<string, unknown>>(query: string | PgQuery, values?: unknown[]): Promise<PgResult<R>>;
  release(error?: boolean | Error): void;
}
export interface PgPool {
  connect(): Promise<PgClient>;
  query<R = Record<string, unknown>>(query: string | PgQuery, values?: unknown[]): Promise<PgResult<R>>;
  end(): Promise<void>;
  on(event: 'error', listener: (error: Error) => void): unknown;
}
type PoolConstructor = new (options: {
  connectionString: string;
  max?: number;
  application_name?: string;
  options?: string;
}) => PgPool;

const requireFromApi = createRequire(new URL('../../api/package.json', import.meta.url));
const { Pool } = requireFromApi('pg') as { Pool: PoolConstructor };

/**
 * A pool in UTC (the zone Prisma stores DateTime in, as the API's sessions run), tagged with
 * `application_name` so pg_stat_activity tells the benchmark's connections from the API's.
 */
export function openPool(url: string, applicationName: string, max: number): PgPool {
  const pool = new Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    options: '-c TimeZone=UTC',
  });
  pool.on('error', () => {}); // an idle client dropped at shutdown: nothing to do
  return pool;
}
