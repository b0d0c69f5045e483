export * from './org';
export * from './customers';
export * from './approvals';
export * from './messaging';
export * from './audit';
export * from './authorizations';
export * from './meta';
