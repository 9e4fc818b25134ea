// store/index.ts — the public face of the store layer (the React binding lives in react.tsx).
export {
  createAppStore,
  type AppState,
  type AppStore,
  type AppStoreOptions,
  type HistoryEntry,
  type ThemePref,
  type Lang,
  type TourAnswer,
  LANGS,
  type TranscriptItem,
  type PacketRun,
  type ForegroundJob,
  type PendingLine,
  type ToolsGate,
  LIVE_HORIZON,
  PACKET_SPEEDS,
} from './appStore';
export * from './packets';
export * from './selectors';
export { opToCommand } from './equivalent';
// The browser entry starts loading the shell's tools after its first paint.
export { loadTools } from '../shell/loadTools';
export { completeLine } from './complete';
export { hostPromptOf } from './complete';
