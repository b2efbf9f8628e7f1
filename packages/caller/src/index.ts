/** The caller (roles, region, own institution or person) and what it may see and act for: pure rules over a `Caller`. */
export * from './caller';
export * from './claims';
export * from './scope';
