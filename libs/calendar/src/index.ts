export * from './iso-date.util';
export * from './working-calendar';
