// A calendar date as the register, explanations and reports write it: YYYY-MM-DD, and a day that
// exists (2024-02-30 is refused, 2024-02-29 accepted).

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}
