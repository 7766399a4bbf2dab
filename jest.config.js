/** Jest runs the TypeScript sources as native ES modules (feed 6 is ESM-only). */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true }],
  },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/support/cdk-outdir.ts'],
  testTimeout: 60_000,
  maxWorkers: 2,
};
