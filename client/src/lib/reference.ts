import { useEffect, useState } from 'react';
import { api, getToken } from './api';

export interface Category {
  code: string;
  name: string;
  nameEn: string;
  parentCode: string | null;
  departmentKind: string | null;
}

export interface Department {
  id: string;
  name: string;
  kind: string;
  unitCode: string;
}

// Reference data changes with a release, not during a shift: fetched once per page load.
// Kept per session token: another user on the same phone may see other departments.
const cache = new Map<string, Promise<unknown>>();
function once<T>(path: string): Promise<T> {
  const key = `${getToken()}\n${path}`;
  let p = cache.get(key);
  if (!p) {
    p = api<T>(path).catch((e) => {
      cache.delete(key); // a failure (offline) is tried again next time
      throw e;
    });
    cache.set(key, p);
  }
  return p as Promise<T>;
}

function useOnce<T>(path: string | null): T[] {
  const [rows, setRows] = useState<T[]>([]);
  useEffect(() => {
    if (!path) return;
    let live = true;
    once<T[]>(path)
      .then((r) => live && setRows(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [path]);
  return rows;
}

/** Active categories (major classes and sub-classes). */
export const useCategories = () => useOnce<Category>('/api/categories');
/** Departments the signed-in user's unit may dispatch to or call on; none until `enabled`. */
export const useDepartments = (enabled = true) => useOnce<Department>(enabled ? '/api/departments' : null);

/** A category's name in the chosen language, or its code while the list loads. */
export function categoryName(categories: Category[], code: string, locale: string): string {
  const c = categories.find((x) => x.code === code);
  return c ? (locale === 'en' ? c.nameEn : c.name) : code;
}
