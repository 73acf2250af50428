// Sandbox-safe entry point: imported by Temporal workflow code. Never export notice-loader here
// (it reads files); Node code imports it as '@dondoc/calendar/src/notice-loader'.
export * from './iso-date.util';
export * from './lunar.util';
export * from './calendar-notice';
export * from './notice-problems';
export * from './statutory-holidays';
export * from './compensatory-days';
export * from './shipped-notices';
export * from './working-calendar';
