/** Pure planar geometry for grid cells: polygon predicates, a spatial index, import validation. */
export * from './grid-index';
export * from './polygon';
export * from './shape';
export * from './validate-grid-collection';
