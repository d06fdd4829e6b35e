/**
 * Finds object literals that start with a spread and then name a key the
 * spread's type may lack: `{ ...file.x, absentVisit }` where `absentVisit`
 * is optional or absent. V8 (Node 20) gives every object made that way a
 * hidden class of its own, through its slow path (about 390 ns against 15),
 * and every inline cache that later reads such objects goes megamorphic.
 *
 * Spreads of string-keyed bags (decision `args`), literals that become such
 * bags, and zod shapes are left alone: their keys are dynamic by design, or
 * built once.
 */
import ts from 'typescript';

/** One literal the check refuses: where, and the keys the spread may lack. */
export interface LooseSpread {
  readonly at: string;
  readonly keys: readonly string[];
}

const ZOD_SHAPE = /(^|\.)(object|strictObject|looseObject|extend|safeExtend)$/;

/** The literals of `files` (within `program`) that a spread opens and that add a key it may lack. */
export function looseSpreads(program: ts.Program, files: (name: string) => boolean): LooseSpread[] {
  const checker = program.getTypeChecker();
  const found: LooseSpread[] = [];
  const required = (t: ts.Type, key: string): boolean => {
    const prop = checker.getPropertyOfType(checker.getApparentType(t), key);
    return prop !== undefined && (prop.flags & ts.SymbolFlags.Optional) === 0;
  };
  const isBag = (t: ts.Type): boolean => checker.getIndexInfoOfType(checker.getApparentType(t), ts.IndexKind.String) !== undefined;
  const check = (sf: ts.SourceFile, node: ts.ObjectLiteralExpression) => {
    const first = node.properties[0];
    if (first === undefined || !ts.isSpreadAssignment(first)) return;
    const parent = node.parent;
    if (ts.isCallExpression(parent) && ZOD_SHAPE.test(parent.expression.getText(sf))) return;
    // A literal that becomes a bag (an issue zod takes as an open record) is one too.
    const target = checker.getContextualType(node);
    if (target !== undefined && (target.isUnion() ? target.types : [target]).some(isBag)) return;
    // Each spread's types (a union's members): a key is there when one spread has it in every member.
    const spreads: ts.Type[][] = [];
    const keys: string[] = [];
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        const t = checker.getTypeAtLocation(p.expression);
        spreads.push((t.isUnion() ? t.types : [t]).filter((x) => (x.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) === 0));
        continue;
      }
      if (p.name === undefined) continue;
      let names: (string | null)[];
      if (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) names = [p.name.text];
      else if (ts.isComputedPropertyName(p.name)) {
        const k = checker.getTypeAtLocation(p.name.expression);
        names = (k.isUnion() ? k.types : [k]).map((x) => (x.isStringLiteral() ? x.value : null));
      } else continue;
      if (spreads.some((types) => types.some(isBag))) continue;
      for (const name of names) if (name === null || !spreads.some((types) => types.length > 0 && types.every((t) => required(t, name)))) keys.push(name ?? '[computed]');
    }
    if (keys.length > 0) {
      const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      found.push({ at: `${sf.fileName}:${line + 1}`, keys });
    }
  };
  for (const sf of program.getSourceFiles()) {
    if (!files(sf.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isObjectLiteralExpression(node)) check(sf, node);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}
