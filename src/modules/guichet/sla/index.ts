/**
 * Service levels of the service desk (guichet): business calendars, French public holidays,
 * priority matrix, agreements and the clock rebuilt from a ticket's history. Pure functions:
 * no database, no Date.now(); instants come in as Date or ISO strings with an offset.
 */
export { type Instant } from './instant.js';
export {
  type LocalDate,
  type PublicHoliday,
  type FrenchHolidayOptions,
  easterSunday,
  frenchPublicHolidays,
  isFrenchPublicHoliday,
} from './french-holidays.js';
export {
  type BusinessCalendar,
  type BusinessCalendarInput,
  type Closure,
  type HolidayRegime,
  type OpeningRange,
  type WeekdayKey,
  businessCalendarSchema,
  closureSchema,
  demoCalendar,
  holidayRegimes,
  parseBusinessCalendar,
  weekdayKeys,
} from './calendar-schema.js';
export { type HolidayPlace, type PlaceHoliday, holidayPlaceOfDepartment, isPublicHoliday, publicHolidays } from './public-holidays.js';
export { calendarAtPlace } from './calendar-days.js';
export { type SchoolHoliday, type SchoolZone, schoolHolidaySchema, schoolHolidayZone, schoolZones } from './school-holidays.js';
export { type OpenInterval, addBusinessMinutes, businessMinutesBetween, isOpenAt, openIntervals } from './calendar.js';
export {
  type Level,
  type Priority,
  type PriorityInput,
  type PriorityMatrix,
  MAJOR_PRIORITY,
  computePriority,
  defaultPriorityMatrix,
  impactLabel,
  levelSchema,
  parsePriorityMatrix,
  priorities,
  priorityLabel,
  priorityMatrixSchema,
  prioritySchema,
  urgencyLabel,
} from './priority.js';
export {
  type ClockKind,
  type ServiceAgreement,
  type ServiceAgreementInput,
  type SlaTarget,
  DEMO_CALENDAR_ID,
  demoAgreement,
  parseServiceAgreement,
  serviceAgreementSchema,
  slaTargetSchema,
  targetFor,
  warnThresholdMinutes,
} from './agreement.js';
export { type Timeline, type Version, always, versionAt } from './timeline.js';
export { type TicketEvent, type TicketState, type TicketStatus, ticketStatuses } from './ticket-history.js';
export { type ClockPhase, type ClockReading, type ClockState, type SlaClock, type SlaClockInput, computeSlaClock, isPaused } from './clock.js';
export { type SlaAlert, type SlaAlertLevel, clockStateLabel, formatDeadline, slaAlerts } from './escalation.js';
