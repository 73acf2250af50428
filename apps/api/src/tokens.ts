/** Injection tokens for the infrastructure objects the API shares across modules. */
export const DONDOC_CONFIG = Symbol('DONDOC_CONFIG');
export const TEMPORAL_CLIENT = Symbol('TEMPORAL_CLIENT');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
