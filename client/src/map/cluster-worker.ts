/// <reference lib="webworker" />

import type { ClusterRequest, ClusterResponse } from './cluster-client';
import { ClusterIndex } from './cluster-index';

/**
 * The cluster index off the page's thread: a build of 100,000 cases (~0.3–0.5 s) or a million
 * (~2 s) runs while the page draws the cells and stays responsive. Answers in request order.
 */
const index = new ClusterIndex();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (e: MessageEvent<ClusterRequest>) => {
  const q = e.data;
  let reply: ClusterResponse;
  try {
    if (q.op === 'build') reply = { seq: q.seq, value: index.build(q.columns) };
    else if (q.op === 'clusters') reply = { seq: q.seq, value: index.clusters(q.bbox, q.zoom) };
    else reply = { seq: q.seq, value: index.expansionZoom(q.id) };
  } catch (error) {
    reply = { seq: q.seq, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(reply);
};
