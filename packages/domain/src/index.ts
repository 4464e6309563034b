export * from './deadline-arithmetic.js';
export * from './hetu.js';
export * from './hetu-type.js';
export * from './holidays.js';
export * from './language.js';
export * from './local-date.js';
export * from './statutory-deadlines.js';
export * from './transitions.js';
