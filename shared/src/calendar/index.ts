/** Working calendar and time limits: Shanghai dates, PRC holidays, deadlines and alarms. */
export * from './holidays-cn';
export * from './shanghai-date';
export * from './time-limit';
export * from './time-limits';
export * from './working-calendar';
