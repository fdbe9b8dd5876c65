// Dates as whole days since 1970-01-01 (UTC), so arithmetic never meets time zones or locales.
const DAY = 86_400_000;

export const day = (year, month, date) => Math.round(Date.UTC(year, month - 1, date) / DAY);
export const parseIso = (iso) => day(+iso.slice(0, 4), +iso.slice(5, 7), +iso.slice(8, 10));
export const iso = (d) => new Date(d * DAY).toISOString().slice(0, 10);
export const yearOf = (d) => new Date(d * DAY).getUTCFullYear();
/** Age reached during the calendar year of `d`. */
export const ageInYear = (birthYear, d) => yearOf(d) - birthYear;
/** Swedish school year of the spring of `springYear`: 2017 → "2016/17". */
export const schoolYear = (springYear) => `${springYear - 1}/${String(springYear % 100).padStart(2, '0')}`;
export const min = (a, b) => (a < b ? a : b);
export const max = (a, b) => (a > b ? a : b);
