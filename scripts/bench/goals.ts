// The speed goals `npm run bench` is judged by, in one table: each bench part records the figure it
// measured against its goal, and bench.ts prints every recorded goal at the end (met or not). Goals
// are never asserted in tests; a missed goal is printed, not thrown.

export interface Goal {
  /** What is measured, as a reader of the table knows it ("npm run dev: save → refreshed page, median"). */
  name: string;
  /** The measured figure. */
  value: number;
  unit: "ms" | "s" | "%" | "×" | "score";
  /** "max": the figure must be at most `limit`; "min": at least. */
  kind: "max" | "min";
  limit: number;
}

const recorded: Goal[] = [];

/** Records a figure against its goal and returns whether it met it. */
export function recordGoal(goal: Goal): boolean {
  recorded.push(goal);
  return isMet(goal);
}

export function isMet(goal: Goal): boolean {
  return goal.kind === "max" ? goal.value <= goal.limit : goal.value >= goal.limit;
}

const format = (value: number, unit: Goal["unit"], digits = unit === "s" || unit === "×" ? 1 : 0) =>
  `${value.toFixed(digits)}${unit === "score" ? "" : unit === "%" || unit === "×" ? unit : ` ${unit}`}`;

/** One line per goal: figure, goal, met or not. A missed figure that would round to the goal
 * itself (29.6 % against ≥ 30 %) is printed with the digits that show it missed. */
export function goalLine(goal: Goal): string {
  let digits = goal.unit === "s" || goal.unit === "×" ? 1 : 0;
  const reads = (value: number) => format(value, goal.unit, digits);
  while (!isMet(goal) && digits < 3 && reads(goal.value) === reads(goal.limit)) digits++;
  // Still the goal's figure at 3 digits: rounded towards the miss.
  const round = goal.kind === "min" ? Math.floor : Math.ceil;
  const shown = !isMet(goal) && reads(goal.value) === reads(goal.limit) ? round(goal.value * 1000) / 1000 : goal.value;
  return `${isMet(goal) ? "met    " : "NOT MET"}  ${goal.name}: ${reads(shown)} (goal ${goal.kind === "max" ? "≤" : "≥"} ${format(goal.limit, goal.unit)})`;
}

/** Prints the table of every goal recorded in this run; returns how many were missed. */
export function printGoals(log: (line: string) => void): number {
  if (recorded.length === 0) return 0;
  log(`\n== Goals (${recorded.filter(isMet).length} of ${recorded.length} met)`);
  for (const goal of recorded) log(`  ${goalLine(goal)}`);
  return recorded.filter((g) => !isMet(g)).length;
}
