import type { ComponentType } from 'react';
import { Placeholder } from './features/shell/Placeholder';

/** Route name → screen. Each feature registers its screens here. */
export const SCREENS: Record<string, ComponentType<{ params: string[] }>> = {
  report: Placeholder,
  cases: Placeholder,
  inbox: Placeholder,
  tasks: Placeholder,
  map: Placeholder,
  case: Placeholder,
};
