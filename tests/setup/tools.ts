// Setup for every Vitest project: registers the shell's tools before each test file, as the CLI
// does with a static import. The browser loads them after its first paint (src/shell/loadTools.ts),
// so modules such as hostSession.ts and the store no longer import them themselves.
import '../../src/shell/tools/index';
