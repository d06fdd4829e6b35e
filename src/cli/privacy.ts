/**
 * Privacy at the edge (PRV-MASK, PRV-ACCESS). The views already mask the
 * phones they show; this is the last line of defence for free text (notes,
 * issue messages, quarantined lines) and the per-salesperson filter.
 */
import { maskPhone } from '../index.js';

// A mainland mobile as people write it: optional +86/0086, digits with spaces or dashes.
const MOBILE_AS_WRITTEN = /(?<![\d*])(?:(?:\+|00)86[\s-]?)?1[3-9]\d(?:[\s-]?\d){8}(?![\d*])/g;

/**
 * Masks every mobile number written in a text, in any of the ways visitor
 * books write it (`13812345678`, `138 1234 5678`, `+86-138-1234-5678`).
 *
 * @param text - free text
 * @returns the text with each number as `138****5678`
 */
export function maskText(text: string): string {
  return text.replace(MOBILE_AS_WRITTEN, (m) => maskPhone(m));
}
