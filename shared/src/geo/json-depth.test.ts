import { describe, expect, it } from 'vitest';
import { jsonNestsDeeperThan } from './json-depth';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('jsonNestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(jsonNestsDeeperThan(bytes('{"a":[[1,2]]}'), 3)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('{"a":[[1,2]]}'), 2)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('{"a":"[[[[\\"[[[[","b":[]}'), 2)).toBe(false);
    expect(jsonNestsDeeperThan(bytes('["网格[[["]'), 1)).toBe(false);
  });

  it('handles a 200,000-level array without recursion', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    expect(jsonNestsDeeperThan(bytes(deep), 64)).toBe(true);
    expect(jsonNestsDeeperThan(bytes('[]'.repeat(200_000)), 1)).toBe(false);
  });
});
