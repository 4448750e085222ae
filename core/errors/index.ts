export * from './error-codes';
export * from './errors';
