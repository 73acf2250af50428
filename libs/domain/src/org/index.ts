export * from './unit-type';
export * from './org.types';
