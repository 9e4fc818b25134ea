// store/react.tsx — the store's only React file: a context carrying one store, and a hook that
// reads it through a selector. Components never create stores; the app shell or a test does.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './appStore';

const StoreContext = createContext<AppStore | null>(null);

/** Makes `store` the store of everything below. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself (for actions and subscriptions outside render). */
export function useAppStoreApi(): AppStore {
  const s = useContext(StoreContext);
  if (!s) throw new Error('netns-lab: no StoreProvider above this component');
  return s;
}

/** Reads a slice of the state; re-renders when it changes (by Object.is). */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}
