import '@testing-library/jest-dom';

// Rendering whole pages with MUI tables is slow on a shared 2-core CI machine; the per-package
// "jest.testTimeout" is not honoured when the repo runs every project at once.
jest.setTimeout(60_000);
