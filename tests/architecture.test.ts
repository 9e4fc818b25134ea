// Architecture test: every import under src/ stays inside its layer's allowed dependencies
// (DESIGN.md's layer table), and the pure layers never touch React, D3, zustand, the DOM,
// Node, the clock or Math.random. The checker is tested on fake files so it can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Layer =
  'kernel' | 'docker' | 'shell' | 'scenario' | 'view/scene' | 'view/render' | 'store' | 'ui' | 'cli' | 'entry';

interface SourceFile {
  /** Path relative to the repository root, with forward slashes (e.g. `src/kernel/types.ts`). */
  path: string;
  text: string;
}

interface Rule {
  /** Layers this layer may import from (itself is always allowed). */
  layers: Layer[];
  /** Tests whether a bare package specifier is allowed. */
  packages: (name: string) => boolean;
  nodeBuiltins: boolean;
}

const none = () => false;
const isD3 = (name: string) => name === 'd3' || name.startsWith('d3-');
const isXterm = (name: string) => name.startsWith('@xterm/');

const RULES: Record<Layer, Rule> = {
  kernel: { layers: [], packages: none, nodeBuiltins: false },
  docker: { layers: ['kernel'], packages: none, nodeBuiltins: false },
  shell: { layers: ['docker', 'kernel'], packages: none, nodeBuiltins: false },
  // lz-string: the share link's compression (pure string functions, no DOM).
  scenario: { layers: ['shell', 'docker', 'kernel'], packages: (name) => name === 'lz-string', nodeBuiltins: false },
  'view/scene': { layers: ['docker', 'kernel'], packages: none, nodeBuiltins: false },
  'view/render': { layers: ['view/scene'], packages: isD3, nodeBuiltins: false },
  store: {
    layers: ['shell', 'docker', 'kernel', 'scenario', 'view/scene'],
    packages: (name) => name === 'zustand',
    nodeBuiltins: false,
  },
  ui: {
    layers: ['store', 'view/scene', 'view/render', 'scenario'],
    packages: (name) => name === 'react' || name === 'react-dom' || isXterm(name),
    nodeBuiltins: false,
  },
  cli: { layers: ['shell', 'docker', 'kernel', 'scenario'], packages: none, nodeBuiltins: true },
  // src/main.tsx and other files at the top of src/: the browser entry that mounts the UI.
  entry: {
    layers: ['ui', 'store'],
    packages: (name) => name === 'react' || name === 'react-dom',
    nodeBuiltins: false,
  },
};

/** The one React file of the store (DESIGN.md): it binds the vanilla store to React. */
const STORE_REACT_FILE = /^src\/store\/react\.tsx$/;

const PURE_LAYERS: ReadonlySet<Layer> = new Set(['kernel', 'docker', 'shell', 'scenario', 'view/scene']);

/** `obj.prop` accesses forbidden in pure layers; `null` means any property of `obj`. */
const FORBIDDEN_ACCESS: Record<string, string | null> = {
  Date: 'now',
  Math: 'random',
  performance: 'now',
  document: null,
  window: null,
};

const NODE_BUILTINS = new Set(builtinModules);

const LAYER_FOLDERS = Object.keys(RULES).filter((layer) => layer !== 'entry');

function layerOf(path: string): Layer | undefined {
  // A bare folder (`../kernel`, resolved to its index file) belongs to that folder's layer.
  const folder = path.replace(/^src\//, '').replace(/\/$/, '');
  if (path.startsWith('src/') && LAYER_FOLDERS.includes(folder)) return folder as Layer;
  const m = /^src\/(?:(view\/scene|view\/render|kernel|docker|shell|scenario|store|ui|cli)\/)?[^/]+(\/.*)?$/.exec(path);
  if (!m) return undefined;
  if (m[1]) return m[1] as Layer;
  // A file directly under src/ (no sub-folder) is the entry; anything in an unknown folder is not a layer.
  return m[2] === undefined ? 'entry' : undefined;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || NODE_BUILTINS.has(packageName(specifier));
}

/** Every module specifier a file mentions: static, `import type`, re-exports, dynamic `import()`, `require()`. */
function moduleSpecifiers(file: SourceFile): { specifier: string; line: number }[] {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      found.push({ specifier: node.text, line });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      add(node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isDynamicImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      if (isDynamicImport || isRequire) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Uses of the clock, randomness or the DOM, found in code (not in comments or strings). */
function forbiddenAccesses(file: SourceFile): { what: string; line: number }[] {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, kind);
  const found: { what: string; line: number }[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression)) {
      const object = node.expression.text;
      if (Object.hasOwn(FORBIDDEN_ACCESS, object)) {
        const property = FORBIDDEN_ACCESS[object];
        if (property === null || property === node.name.text) {
          found.push({ what: `${object}.${node.name.text}`, line: lineOf(node) });
        }
      }
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'Date' &&
      (node.arguments?.length ?? 0) === 0
    ) {
      // `new Date()` reads the wall clock just as Date.now does; time comes from the world.
      found.push({ what: 'new Date()', line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Checks a list of files against the layer rules; returns one readable line per violation. */
function checkArchitecture(files: SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const layer = layerOf(file.path);
    if (!layer) {
      violations.push(`${file.path}: not inside a known layer folder of src/`);
      continue;
    }
    const rule = RULES[layer];
    for (const { specifier, line } of moduleSpecifiers(file)) {
      const where = `${file.path}:${line}`;
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        // An absolute specifier points at the site root (public/), never at a layer.
        const target = specifier.startsWith('/')
          ? specifier
          : posix.normalize(posix.join(posix.dirname(file.path), specifier));
        const targetLayer = layerOf(target);
        if (!targetLayer) {
          violations.push(`${where}: ${layer} imports '${specifier}', which is outside the layers of src/`);
        } else if (targetLayer !== layer && !rule.layers.includes(targetLayer)) {
          violations.push(`${where}: ${layer} must not import ${targetLayer} ('${specifier}')`);
        }
      } else if (isNodeBuiltin(specifier)) {
        if (!rule.nodeBuiltins) violations.push(`${where}: ${layer} must not import Node's '${specifier}'`);
      } else {
        const name = packageName(specifier);
        const allowed =
          rule.packages(name) || (layer === 'store' && STORE_REACT_FILE.test(file.path) && name === 'react');
        if (!allowed) violations.push(`${where}: ${layer} must not import the package '${specifier}'`);
      }
    }
    if (PURE_LAYERS.has(layer)) {
      for (const { what, line } of forbiddenAccesses(file)) {
        violations.push(`${file.path}:${line}: pure layer ${layer} must not use ${what}`);
      }
    }
  }
  return violations;
}

function listSources(root: string, dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSources(root, path));
    else if (/\.tsx?$/.test(entry.name)) files.push({ path, text: readFileSync(join(root, path), 'utf8') });
  }
  return files;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('architecture', () => {
  it('keeps every import under src/ inside its layer and the pure layers pure', () => {
    const files = listSources(repoRoot, 'src');
    expect(files.length, 'no source files found under src/').toBeGreaterThan(0);
    expect(checkArchitecture(files)).toEqual([]);
  });

  describe('the checker', () => {
    const file = (path: string, text: string): SourceFile => ({ path, text });

    it('accepts imports that follow the layer table', () => {
      const files = [
        file('src/kernel/ops/veth.ts', "import type { KernelState } from '../types';"),
        file('src/docker/run.ts', "import { addVethPair } from '../kernel/ops/veth';"),
        file('src/shell/tools/ip.ts', "import { planRun } from '../../docker/run';\nimport '../../kernel/types';"),
        file('src/scenario/lessons.ts', "import { runLine } from '../shell/run';"),
        file('src/view/scene/kernelScene.ts', "import type { World } from '../../docker/world';"),
        file('src/view/render/pane.ts', "import { select } from 'd3-selection';\nimport '../scene/kernelScene';"),
        file('src/store/index.ts', "import { createStore } from 'zustand/vanilla';\nimport '../view/scene/x';"),
        file('src/store/react.tsx', "import { useStore } from 'zustand';\nimport { use } from 'react';"),
        file('src/ui/Terminal.tsx', "import { Terminal } from '@xterm/xterm';\nimport '../store/react';"),
        file('src/cli/main.ts', "import { readFileSync } from 'node:fs';\nimport '../shell/run';"),
        file('src/docker/daemon.ts', "import { addVethPair } from '../kernel';\nimport '../kernel/';"),
        file('src/main.tsx', "import { createRoot } from 'react-dom/client';\nimport { App } from './ui/App';"),
        file(
          'src/kernel/clock.ts',
          '// never call Date.now() here; the world carries the clock\nconst s = "window.x";',
        ),
      ];
      expect(checkArchitecture(files)).toEqual([]);
    });

    it('reports a pure layer that imports React, D3, zustand or Node', () => {
      const violations = checkArchitecture([
        file('src/kernel/a.ts', "import { useState } from 'react';"),
        file('src/docker/b.ts', "import { select } from 'd3-selection';"),
        file('src/shell/c.ts', "import { createStore } from 'zustand';"),
        file('src/scenario/d.ts', "import { readFileSync } from 'fs';"),
        file('src/view/scene/e.ts', "import type { Terminal } from '@xterm/xterm';"),
      ]);
      expect(violations).toHaveLength(5);
      expect(violations[0]).toContain("src/kernel/a.ts:1: kernel must not import the package 'react'");
      expect(violations[3]).toContain("scenario must not import Node's 'fs'");
    });

    it('reports upward and sideways imports, including type-only, dynamic and re-exports', () => {
      const violations = checkArchitecture([
        file('src/kernel/a.ts', "import type { World } from '../docker/world';"),
        file('src/docker/b.ts', "export { x } from '../shell/run';"),
        file('src/view/render/c.ts', "const k = await import('../../kernel/ops');"),
        file('src/view/render/d.ts', "import { useStore } from '../../store/react';"),
        file('src/ui/e.tsx', "import { runLine } from '../shell/run';"),
        file('src/ui/f.tsx', "type T = import('../kernel/types').KernelState;"),
        file('src/store/g.ts', "import { useState } from 'react';"),
        file('src/cli/h.ts', "import { App } from '../ui/App';"),
        file('src/kernel/i.ts', "import { planRun } from '../docker';"),
      ]);
      expect(violations).toEqual([
        "src/kernel/a.ts:1: kernel must not import docker ('../docker/world')",
        "src/docker/b.ts:1: docker must not import shell ('../shell/run')",
        "src/view/render/c.ts:1: view/render must not import kernel ('../../kernel/ops')",
        "src/view/render/d.ts:1: view/render must not import store ('../../store/react')",
        "src/ui/e.tsx:1: ui must not import shell ('../shell/run')",
        "src/ui/f.tsx:1: ui must not import kernel ('../kernel/types')",
        "src/store/g.ts:1: store must not import the package 'react'",
        "src/cli/h.ts:1: cli must not import ui ('../ui/App')",
        "src/kernel/i.ts:1: kernel must not import docker ('../docker')",
      ]);
    });

    it('reports the clock, randomness and the DOM in pure layers, but not in ui', () => {
      const code = [
        'const t = Date.now();',
        'const r = Math.random();',
        "const el = document.getElementById('x');",
        'const w = window.innerWidth;',
        'const d = new Date();',
      ].join('\n');
      expect(checkArchitecture([file('src/docker/ids.ts', code)])).toEqual([
        'src/docker/ids.ts:1: pure layer docker must not use Date.now',
        'src/docker/ids.ts:2: pure layer docker must not use Math.random',
        'src/docker/ids.ts:3: pure layer docker must not use document.getElementById',
        'src/docker/ids.ts:4: pure layer docker must not use window.innerWidth',
        'src/docker/ids.ts:5: pure layer docker must not use new Date()',
      ]);
      expect(checkArchitecture([file('src/ui/Clock.tsx', code)])).toEqual([]);
    });

    it('reports files outside the known layer folders and imports that leave src/', () => {
      expect(
        checkArchitecture([
          file('src/lib/util.ts', ''),
          file('src/kernel/x.ts', "import pkg from '../../package.json';"),
        ]),
      ).toEqual([
        'src/lib/util.ts: not inside a known layer folder of src/',
        "src/kernel/x.ts:1: kernel imports '../../package.json', which is outside the layers of src/",
      ]);
    });
  });
});
