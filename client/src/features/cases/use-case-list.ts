import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../lib/api';
import { useCaseEvents } from '../../lib/realtime';
import type { CaseSummary } from './case-types';

/**
 * A case list from GET /api/cases that refreshes itself on live events (at most once every
 * 500 ms) and reports which ids are new since the last load. A null query loads nothing.
 */
export function useCaseList(query: string | null) {
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [fresh, setFresh] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>(null);
  const known = useRef<Set<string> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const load = useCallback(async () => {
    if (query === null) return;
    try {
      const res = await fetchList(query);
      const ids = new Set(res.map((c) => c.id));
      if (known.current) setFresh(new Set([...ids].filter((id) => !known.current!.has(id))));
      known.current = ids;
      setCases(res);
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [query]);
  useEffect(() => {
    known.current = null;
    void load();
  }, [load]);
  useCaseEvents(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, 500);
  });
  return { cases, fresh, error, reload: load };
}

function fetchList(query: string): Promise<CaseSummary[]> {
  return api<CaseSummary[]>(`/api/cases?${query}`);
}
