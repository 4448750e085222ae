/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } } }] },
  testMatch: ['<rootDir>/{core,adapters,bot,migrations,test}/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Lazy `import('./x.js')` in sources names the compiled file; tests resolve it to the .ts source.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testTimeout: 60000,
};
