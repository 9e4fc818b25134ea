// ui/rovingToolbar.ts — the ARIA toolbar pattern for a row of controls: the row is one Tab stop
// (the control last used holds tabindex 0, the others -1), and ← → Home End move between its
// enabled controls, wrapping at the ends. A React hook: it touches only the row's own elements.
import { useCallback, useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';

const ITEMS = 'button, select, input, [role="button"], [role="checkbox"]';

function itemsOf(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  return [...root.querySelectorAll<HTMLElement>(ITEMS)].filter(
    (e) => !(e as HTMLButtonElement).disabled && !e.closest('[hidden]'),
  );
}

/** The roving tabindex of one toolbar: spread `ref` and `onKeyDown` on the role="toolbar" element. */
export function useRovingToolbar<T extends HTMLElement>(): {
  ref: React.RefObject<T | null>;
  onKeyDown: (e: KeyboardEvent<T>) => void;
} {
  const ref = useRef<T>(null);
  const current = useRef<HTMLElement | null>(null);

  // After every render (controls come, go, get enabled): exactly one Tab stop in the row.
  useLayoutEffect(() => {
    const items = itemsOf(ref.current);
    if (!current.current || !items.includes(current.current)) current.current = items[0] ?? null;
    for (const e of ref.current?.querySelectorAll<HTMLElement>(ITEMS) ?? [])
      e.tabIndex = e === current.current ? 0 : -1;
  });

  // Focus that lands on a control by a click or by script makes it the row's Tab stop.
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onFocus = (ev: FocusEvent) => {
      const el = ev.target as HTMLElement;
      if (!itemsOf(root).includes(el)) return;
      if (current.current && current.current !== el) current.current.tabIndex = -1;
      current.current = el;
      el.tabIndex = 0;
    };
    root.addEventListener('focusin', onFocus);
    return () => root.removeEventListener('focusin', onFocus);
  }, []);

  const onKeyDown = useCallback((e: KeyboardEvent<T>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const items = itemsOf(ref.current);
    const at = items.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    let next: number;
    if (e.key === 'ArrowRight') next = (at + 1) % items.length;
    else if (e.key === 'ArrowLeft') next = (at - 1 + items.length) % items.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = items.length - 1;
    else return;
    // A closed <select> would also change its value on ← →: in a toolbar those keys move on.
    e.preventDefault();
    items[next].focus();
  }, []);

  return { ref, onKeyDown };
}
