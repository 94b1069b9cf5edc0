/**
 * A backend of its own for every test of the calling `describe` block: `start` runs before
 * each test and the backend stops after it. What it returns reads the running test's backend.
 */
export function backendPerTest<T extends { stop(): Promise<void> }>(
  start: () => Promise<T>,
): T {
  let current: T | undefined;
  beforeEach(async () => {
    current = await start();
  });
  afterEach(async () => {
    await current?.stop();
    current = undefined;
  });
  return new Proxy({} as T, {
    get(_target, field) {
      if (!current) throw new Error('the backend runs only while a test does');
      return current[field as keyof T];
    },
  });
}
