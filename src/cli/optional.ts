/**
 * The CLI's optional dependencies (Apache ECharts for `report`, exceljs for
 * `--format xlsx`) are loaded with `import()` by the one command that needs
 * them, so `import 'salesfloor'` and the other commands never load them, and
 * an install with `--omit=optional` still runs everything else.
 */
import { UsageError } from './io.js';

/**
 * Loads an optional dependency, or says how to install it.
 *
 * @param load - the `import()` of the module (a literal specifier, so it is typed)
 * @param name - the npm package
 * @param purpose - what it is for, for the message
 * @returns the module
 * @throws {@link UsageError} when the package is not installed
 */
export async function loadOptional<T>(load: () => Promise<T>, name: string, purpose: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new UsageError(`${purpose} needs the optional package ${name}, which is not installed (an install with --omit=optional leaves it out): npm install ${name}`);
    }
    throw error;
  }
}
