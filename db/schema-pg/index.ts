// The PostgreSQL tables: db/schema's, column for column (test/unit/db/schema-parity.test.ts
// checks it), with PostgreSQL's own types (timestamptz, boolean, jsonb, identity ids).
export * from './org';
export * from './customers';
export * from './approvals';
export * from './messaging';
export * from './audit';
export * from './authorizations';
export * from './meta';
