// ui/Announcer.tsx — a polite live region that says in words what each change did: a command
// (from its kernel ops and Docker's records, via describeChange), undo, redo and reset. It
// listens to the store outside React renders and only reads; it never changes the world.
import { useEffect, useState } from 'react';
import type { AppState } from '../store';
import { useAppStoreApi } from '../store/react';
import { describeChange, describeWorld } from '../view/scene';

/** What to say for a store update, or undefined when the world did not change. */
export function announcementFor(s: AppState, prev: AppState): string | undefined {
  if (s.initial !== prev.initial) return `Fresh Docker host (profile ${s.profile}). ${describeWorld(s.world)}`;
  if (s.index === prev.index && s.entries === prev.entries) return undefined;
  if (s.entries !== prev.entries && s.index === prev.index + 1) {
    const entry = s.entries[s.index - 1];
    const text = describeChange(prev.world, entry.world, entry.ops);
    return text || `${entry.line}: changed Docker's records only.`;
  }
  if (s.entries === prev.entries && s.index === prev.index - 1)
    return `Undone: ${prev.entries[prev.index - 1].line}. ${describeWorld(s.world)}`;
  if (s.entries === prev.entries && s.index === prev.index + 1)
    return `Redone: ${s.entries[s.index - 1].line}. ${describeWorld(s.world)}`;
  return describeWorld(s.world);
}

export function Announcer() {
  const api = useAppStoreApi();
  const [said, setSaid] = useState<{ n: number; text: string }>({ n: 0, text: '' });
  useEffect(
    () =>
      api.subscribe((s, prev) => {
        const text = announcementFor(s, prev);
        // A new node per message, so that the same words twice are read twice.
        if (text) setSaid((o) => ({ n: o.n + 1, text }));
      }),
    [api],
  );
  return (
    <div className="sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="announcer">
      {said.text ? <p key={said.n}>{said.text}</p> : null}
    </div>
  );
}
