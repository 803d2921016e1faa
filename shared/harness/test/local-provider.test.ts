import { describe, expect, it } from 'vitest';
import { withDependencies } from '../src/local/provider.ts';

describe("the local provider's start order", () => {
  it('starts what a service depends on first, once', () => {
    expect(withDependencies(['connect'])).toEqual(['kafka', 'connect']);
    expect(withDependencies(['registry', 'kafka'])).toEqual(['postgres', 'registry', 'kafka']);
    expect(withDependencies(['postgres', 'kafka', 'registry', 'connect'])).toEqual(['postgres', 'kafka', 'registry', 'connect']);
  });
});
