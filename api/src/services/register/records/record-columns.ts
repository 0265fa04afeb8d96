/** The columns every record type shows: identity, cell, version, archival. */
export const RECORD_COLUMNS = {
  id: true,
  gridCode: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  archivedAt: true,
  archiveReason: true,
} as const;
