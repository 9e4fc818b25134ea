// Setup for the jsdom "component" project: jest-dom matchers, and a clean DOM after each test.
// Must not create stores or global fixtures; each test makes its own fresh store.
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
