// ui/Toolbar.tsx — undo, redo, reset, the Docker profile and the theme. Each is a store action.
import type { AppState, ThemePref } from '../store';

type DockerProfile = AppState['profile'];
import { useApp, useAppStoreApi } from '../store/react';

export function Toolbar() {
  const api = useAppStoreApi();
  const canUndo = useApp((s) => s.index > 0);
  const canRedo = useApp((s) => s.index < s.entries.length);
  const profile = useApp((s) => s.profile);
  const theme = useApp((s) => s.theme);
  return (
    <div className="toolbar" role="toolbar" aria-label="History and settings">
      <button type="button" onClick={() => api.getState().undo()} disabled={!canUndo} title="Undo (Ctrl+Z)">
        ↶ Undo
      </button>
      <button type="button" onClick={() => api.getState().redo()} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
        ↷ Redo
      </button>
      <button type="button" onClick={() => api.getState().reset()} title="A fresh Docker host">
        Reset
      </button>
      <label>
        Docker
        <select
          value={profile}
          onChange={(e) => api.getState().reset(e.target.value as DockerProfile)}
          aria-label="Docker profile (resets)"
        >
          <option value="classic">classic (2020)</option>
          <option value="current">current</option>
        </select>
      </label>
      <label>
        Theme
        <select value={theme} onChange={(e) => api.getState().setTheme(e.target.value as ThemePref)} aria-label="Theme">
          <option value="system">system</option>
          <option value="light">light</option>
          <option value="dark">dark</option>
        </select>
      </label>
    </div>
  );
}
