import type { TRecordType } from '@wangge/shared/schemas/register-records';
import { ORGANISATIONS } from './organisation-records';
import { PLACES } from './place-records';
import type { RecordDescriptor } from './record-descriptor';
import { SITUATIONS } from './situation-records';
import { THINGS } from './thing-records';

/** The descriptor of each record type served beside persons. */
export const RECORD_DESCRIPTORS: Record<TRecordType, RecordDescriptor> = {
  places: PLACES,
  things: THINGS,
  organisations: ORGANISATIONS,
  situations: SITUATIONS,
};
