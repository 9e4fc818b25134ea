// shell/index.ts — the public face of the shell layer: run a line, parse one, and the tool registry.
// Importing it registers every tool (through ./tools/index), so runLine always sees all of them.
import './tools/index';

export { runLine } from './interpret';
export { parse } from './parse';
export type {
  ParseResult,
  CommandList,
  AndOr,
  Pipeline,
  Command,
  SimpleCommand,
  Subshell,
  Word,
  WordPart,
} from './parse';
export { loadTools, toolsLoaded, toolsReady } from './loadTools';
export { registerTool, findTool, hasTool, toolNames, ALL_TOOLSETS } from './registry';
export type * from './types';
