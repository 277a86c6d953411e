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

const format = (value: number, unit: Goal["unit"]) =>
  `${unit === "s" || unit === "×" ? value.toFixed(1) : value.toFixed(0)}${unit === "score" ? "" : unit === "%" || unit === "×" ? unit : ` ${unit}`}`;

/** One line per goal: figure, goal, met or not. */
export function goalLine(goal: Goal): string {
  return `${isMet(goal) ? "met    " : "NOT MET"}  ${goal.name}: ${format(goal.value, goal.unit)} (goal ${goal.kind === "max" ? "≤" : "≥"} ${format(goal.limit, goal.unit)})`;
}

/** Prints the table of every goal recorded in this run; returns how many were missed. */
export function printGoals(log: (line: string) => void): number {
  if (recorded.length === 0) return 0;
  log(`\n== Goals (${recorded.filter(isMet).length} of ${recorded.length} met)`);
  for (const goal of recorded) log(`  ${goalLine(goal)}`);
  return recorded.filter((g) => !isMet(g)).length;
}
