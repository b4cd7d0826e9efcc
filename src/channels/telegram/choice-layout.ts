// How a reply's choices are arranged in rows, for the inline keyboard and the reply keyboard alike.
import type { Choice } from '../../core/index.ts';

// Labels up to this length fit two to a row on a phone without being cut off.
const SHORT_LABEL_CHARS = 15;
// Labels as short as a clock time ("09:30") fit four to a row: a whole day's free times stay a few rows.
const TINY_LABEL_CHARS = 6;
const TINY_PER_ROW = 4;

/**
 * The rows a reply's choices are shown in. The primary choice (Confirm) comes first, on a row of its
 * own. Choices with a group (a day's times under "Morning", "Afternoon", ...) are laid out group by
 * group, each group starting on a new row, so a group's rows stay together in the order the core gave.
 * Telegram's keyboards have no headings: the line above the keyboard names each group with its first
 * and last time (the reply's groupSpans, see planMessages). The rest keep the plain layout: two a row
 * when every label is short, else one.
 */
export function layoutChoices(choices: Choice[]): Choice[][] {
  const primary = choices.filter((choice) => choice.primary);
  const others = choices.filter((choice) => !choice.primary);
  const rows: Choice[][] = primary.map((choice) => [choice]);
  if (!others.some((choice) => choice.group !== undefined)) return [...rows, ...inRows(others, plainPerRow(others))];
  for (const run of runsOfOneGroup(others)) {
    const perRow = run[0]?.group === undefined ? plainPerRow(run) : groupPerRow(run);
    rows.push(...inRows(run, perRow));
  }
  return rows;
}

/** The choices cut into runs of adjacent choices sharing a group (or sharing none). */
function runsOfOneGroup(choices: Choice[]): Choice[][] {
  const runs: Choice[][] = [];
  for (const choice of choices) {
    const current = runs.at(-1);
    if (current && current[0]?.group === choice.group) current.push(choice);
    else runs.push([choice]);
  }
  return runs;
}

function plainPerRow(choices: Choice[]): number {
  return choices.every((choice) => choice.label.length <= SHORT_LABEL_CHARS) ? 2 : 1;
}

function groupPerRow(choices: Choice[]): number {
  return choices.every((choice) => choice.label.length <= TINY_LABEL_CHARS) ? TINY_PER_ROW : plainPerRow(choices);
}

function inRows<T>(items: T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow));
  return rows;
}
