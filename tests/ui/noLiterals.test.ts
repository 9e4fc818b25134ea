// Every user-visible word of the UI comes from the message catalogues: this test parses each
// component under src/ui/ with the TypeScript compiler and fails on a literal word in JSX text,
// in a string child ({'…'}), or in an aria-label, title, placeholder or alt attribute.
// What is not a word a person reads in a language (symbols, kbd keys, command lines, the
// product's name) is recognised below, each with its reason.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const UI = fileURLToPath(new URL('../../src/ui/', import.meta.url));
const ATTRS = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description', 'aria-roledescription']);

/** Not words of a language: the product's name, Docker's and iproute2's own words and keys. */
const ALLOWED = new Set([
  // The product's name is the same in every language.
  'netns-lab',
  // Docker's name, and its network modes on the mode buttons, are typed as they are everywhere.
  'Docker',
  '+ none',
  '+ host',
  '+ bridge',
  '+ container:',
  // The shell's prompt, as bash prints it (the plain transcript outside a browser).
  'root@docker-host:~#',
]);

/**
 * Components whose words are still being moved by the work that owns them; each must still
 * hold literals (a test below), so that the entry is removed once it is done.
 */
const PENDING: Record<string, string> = {};

/** True for text a person reads as words: it holds a letter (of any script) and is not allowed. */
function isWords(text: string): boolean {
  const s = text.replace(/\s+/g, ' ').trim();
  if (!s || ALLOWED.has(s)) return false;
  return /\p{L}/u.test(s);
}

function componentFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() && e.name !== 'i18n'
      ? componentFiles(join(dir, e.name))
      : e.name.endsWith('.tsx')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Literal strings in an expression that would be shown as they are (not keys, not class names). */
function shownLiterals(e: ts.Expression): ts.Node[] {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e];
  if (ts.isTemplateExpression(e)) return [e.head, ...e.templateSpans.map((s) => s.literal)];
  if (ts.isConditionalExpression(e)) return [...shownLiterals(e.whenTrue), ...shownLiterals(e.whenFalse)];
  if (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.BarBarToken ||
      e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken)
  )
    return e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken
      ? shownLiterals(e.right)
      : [...shownLiterals(e.left), ...shownLiterals(e.right)];
  if (ts.isParenthesizedExpression(e)) return shownLiterals(e.expression);
  return [];
}

function literalText(n: ts.Node): string {
  if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) return n.text;
  if (ts.isTemplateHead(n) || ts.isTemplateMiddle(n) || ts.isTemplateTail(n)) return n.text;
  if (ts.isJsxText(n)) return n.text;
  return '';
}

/** The user-visible literals of one .tsx source, as "line: text". */
export function literalsIn(fileName: string, source: string): string[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const out: string[] = [];
  const report = (n: ts.Node) => {
    const text = literalText(n);
    if (isWords(text)) out.push(`${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}: ${text.trim()}`);
  };
  const visit = (n: ts.Node) => {
    if (ts.isJsxText(n)) report(n);
    else if (ts.isJsxExpression(n) && n.expression && (ts.isJsxElement(n.parent) || ts.isJsxFragment(n.parent)))
      shownLiterals(n.expression).forEach(report);
    else if (ts.isJsxAttribute(n) && ATTRS.has(n.name.getText(sf)) && n.initializer) {
      const init = n.initializer;
      if (ts.isStringLiteral(init)) report(init);
      else if (ts.isJsxExpression(init) && init.expression) shownLiterals(init.expression).forEach(report);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('no literal words in UI components', () => {
  it('finds a literal in JSX text, a string child and each attribute (the check can fail)', () => {
    const src = `export const A = () => (<div title="Hello" aria-label={'Zoom ' + x}>
      Some words {'more'} {cond ? 'yes' : t('k')} <img alt={\`a \${b}\`} /> <i placeholder="名稱" /> {'+'} → </div>);`;
    expect(literalsIn('a.tsx', src).map((l) => l.replace(/^\d+: /, ''))).toEqual([
      'Hello',
      'Some words',
      'more',
      'yes',
      'a',
      '名稱',
    ]);
  });

  for (const file of componentFiles(UI)) {
    const name = relative(UI, file);
    if (PENDING[name])
      it(`${name} is still on the pending list for a reason: ${PENDING[name]}`, () => {
        expect(literalsIn(file, readFileSync(file, 'utf8')).length).toBeGreaterThan(0);
      });
    else
      it(`${name} takes every word from the catalogues`, () => {
        expect(literalsIn(file, readFileSync(file, 'utf8'))).toEqual([]);
      });
  }
});
