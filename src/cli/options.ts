/**
 * Turning command-line words into engine inputs: a policy from a preset name
 * or a JSON file, a time in the office's zone.
 */
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { createOffice, formatIssue, isPresetName, presetNames, presetPolicy, readTime, type Office } from '../index.js';
import { reasonOf, UsageError } from './io.js';
import { notJsonText } from './json-error.js';

/** A policy chosen on the command line. */
export interface ChosenPolicy {
  /** The preset name or the file's name, for summaries. */
  readonly label: string;
  readonly office: Office;
}

/** The `--policy` name for every default (a file of that name is `./default`). */
export const DEFAULT_POLICY = 'default';

/**
 * Loads `--policy`: a preset name, `default` (every default, as with no
 * argument, so `diff` can set the defaults against a preset), or a JSON
 * policy file.
 *
 * @param arg - the preset name or file path
 * @param cwd - the directory relative paths start from
 * @param history - keep each client's decisions ('full', for explain) or not ('none')
 * @returns the office bound to the validated policy
 * @throws {@link UsageError} for an unknown preset, an unreadable file or an invalid policy
 */
export async function loadPolicy(arg: string | undefined, cwd: string, history: 'full' | 'none' = 'none'): Promise<ChosenPolicy> {
  let input: unknown = {};
  let label = DEFAULT_POLICY;
  if (arg === undefined || arg === DEFAULT_POLICY) {
    // every default
  } else if (isPresetName(arg)) {
    input = presetPolicy(arg);
    label = arg;
  } else {
    let text: string;
    try {
      text = await readFile(resolve(cwd, arg), 'utf8');
    } catch (error) {
      throw new UsageError(`--policy ${arg}: neither a preset, default, nor a readable file: ${reasonOf(error, 'read')}; presets: ${presetNames.join(', ')}`);
    }
    // Editors on Windows save JSON with a byte order mark.
    const json = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    try {
      input = JSON.parse(json);
    } catch (error) {
      throw new UsageError(`--policy ${arg}: ${notJsonText(json, error)}`);
    }
    // An empty or null file is a mistake, not "every default" (that is what leaving --policy out means).
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      throw new UsageError(`--policy ${arg}: a policy file holds a JSON object, such as {"ownership":{"validityDays":{"visit":30}}}; leave --policy out, or give --policy default, for every default`);
    }
    label = basename(arg);
  }
  // Only explain reads the per-client history; without it a long replay needs a third of the memory.
  const created = createOffice(input, { history });
  if (!created.ok) throw new UsageError([`--policy ${label} is not a valid policy:`, ...created.issues.map((i) => `  ${formatIssue(i)}`)]);
  return { label, office: created.office };
}

/**
 * Reads a time argument as the engine reads one ({@link readTime}): with an
 * offset as it is, a local time in the office's zone, a date alone as the
 * end of that day.
 *
 * @param flag - the option's name, for messages
 * @param text - the argument
 * @param timeZone - the office's IANA zone
 * @returns the time, epoch ms
 * @throws {@link UsageError} when it is not a time
 */
export function parseTime(flag: string, text: string, timeZone: string): number {
  try {
    return readTime(text, timeZone);
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}
