module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  testRules: {
    // These helpers assert (status, message, nothing written): a test calling one asserts.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: [
          'expect',
          'expect*',
          'fc.assert',
          'refused',
          'refusedAndUnchanged',
        ],
      },
    ],
    // `maybe` is `it` on PostgreSQL and `it.skip` without it; a suite's fixtures are asserted
    // where they are made (beforeAll), so that a broken fixture fails loudly, not later.
    'jest/no-standalone-expect': [
      'error',
      { additionalTestBlockFunctions: ['maybe', 'beforeAll'] },
    ],
  },
});
