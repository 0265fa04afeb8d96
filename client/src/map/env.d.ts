// The Vite variables this folder reads (vite/client declares the rest of import.meta.env).
interface ImportMetaEnv {
  /** Optional base-map tile URL template; must be WGS84/CGCS2000 (see create-map.ts). */
  readonly VITE_TILE_URL?: string;
}
interface ImportMeta {
  readonly env: ImportMetaEnv;
}
