/** A case as GET /api/cases lists it (the fields this screen uses). */
export interface CaseSummary {
  id: string;
  code: string;
  title: string | null;
  categoryCode: string;
  priority: 'NORMAL' | 'URGENT';
  state: string;
  gridCode: string;
  address: string | null;
  version: number;
  deadlines: { stage: string | null; handle: string | null };
  isOverdue: boolean;
  createdAt: string;
  updatedAt: string;
}
