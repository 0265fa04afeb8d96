import type { CaseState } from '@wangge/shared/domain/constants';
import {
  OPEN311_SERVICE_NOTICE,
  open311Status,
  PUBLIC_STATE_NOTES,
  toW3cShanghai,
} from '@wangge/shared/open311/services';
import type { ReferenceCache } from '../reference/reference-cache';

/** An Open311 request row with its case's progress (policies/open311.ts). */
export interface Open311RequestRow {
  serviceRequestId: string;
  serviceCode: string;
  description: string;
  address: string | null;
  lat: number;
  lon: number;
  mediaUrl: string | null;
  createdAt: Date;
  caseId: string;
  state: CaseState;
  ownerUnitCode: string;
  updatedAt: Date;
  handleDeadline: Date | null;
}

/**
 * A service request in GeoReport's fields: the request as submitted, the case's progress in
 * fixed public words, the owning unit as agency_responsible. Nothing personal (none is stored).
 */
export function presentOpen311Request(row: Open311RequestRow, reference: ReferenceCache) {
  const updated = new Date(Math.max(row.updatedAt.getTime(), row.createdAt.getTime()));
  return {
    service_request_id: row.serviceRequestId,
    status: open311Status(row.state),
    status_notes: PUBLIC_STATE_NOTES[row.state],
    service_name: reference.category(row.serviceCode)?.name ?? null,
    service_code: row.serviceCode,
    description: row.description,
    agency_responsible: reference.unitName(row.ownerUnitCode) ?? null,
    service_notice: OPEN311_SERVICE_NOTICE,
    requested_datetime: toW3cShanghai(row.createdAt),
    updated_datetime: toW3cShanghai(updated),
    expected_datetime: row.handleDeadline ? toW3cShanghai(row.handleDeadline) : null,
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lon,
    media_url: row.mediaUrl,
  };
}
