import type { RegisterLayers } from '@wangge/shared/register/layers';
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { api } from '../../lib/api';
import { useRealtime } from '../../lib/realtime';
import type { CommandMap } from './use-command-map';
import { useThrottled } from './use-throttle';

/** The register layer shown on the map ('' = the cases), its counts, and what the caller may choose. */
export interface RegisterLayerState {
  layer: string;
  setLayer(layer: string): void;
  /** The layers the caller may see (empty: the role has no register layers; no control then). */
  available: string[];
  /** The chosen layer's total over the unit, and its highest cell (for the legend). */
  total: number;
  max: number;
}

/**
 * 综治图层: fetches the chosen layer's counts per cell under `unit` (the caller's home) and the
 * layers the caller may choose, colours the cells by the chosen layer, and refetches when the server says a cell's counts changed
 * (`register:counts`, throttled: a burst of records is one refetch).
 */
export function useRegisterLayer(
  mapRef: RefObject<CommandMap | null>,
  unit: string | null,
): RegisterLayerState {
  const [layer, setLayer] = useState('');
  const [data, setData] = useState<RegisterLayers | null>(null);
  const { socket } = useRealtime();
  // One layer at a time (the chosen one, PERSON before a choice: every role with layers has
  // it): a few thousand numbers for a city instead of every layer's.
  const load = useCallback(() => {
    if (!unit) return;
    const asked = layer || 'PERSON';
    api<RegisterLayers>(`/api/register/layers?unit=${unit}&layer=${encodeURIComponent(asked)}`).then(
      setData,
      () => setData(null),
    );
  }, [unit, layer]);
  const reload = useThrottled(load, 1000);
  useEffect(() => {
    load();
    // Overdue visits change as days pass, without a write to announce it.
    const timer = setInterval(load, 10 * 60_000);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    if (!socket) return;
    socket.on('register:counts', reload);
    return () => {
      socket.off('register:counts', reload);
    };
  }, [socket, reload]);
  const column = layer && data ? data.counts[layer] : undefined;
  useEffect(() => {
    const grid = mapRef.current?.grid;
    if (!grid) return;
    if (!column || !data) grid.setRegisterCounts(null);
    else grid.setRegisterCounts(new Map(data.codes.map((code, i) => [code, column[i] ?? 0])));
  }, [mapRef, data, column]);
  return {
    layer,
    setLayer,
    available: data?.layers ?? [],
    total: column ? column.reduce((s, n) => s + n, 0) : 0,
    max: column ? Math.max(0, ...column) : 0,
  };
}
