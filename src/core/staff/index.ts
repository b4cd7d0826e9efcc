// What the spa's staff can do from their desk.

export { createStaffDesk, GUEST_NOTICES_GROUP, MAX_AVAILABILITY_DAYS, type StaffDesk, type DayAvailability, type DaySchedule, type TimeOffOutcome } from './staff-desk.ts';
