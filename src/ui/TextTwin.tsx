// ui/TextTwin.tsx — the diagram as a keyboard-navigable tree (WAI-ARIA tree pattern): namespaces →
// interfaces → peer, bridge, addresses and routes; containers → where they live. Built from the
// world both panes show (describeTree); ↑/↓/←/→/Home/End move, Enter or Space selects the element
// in the panes through the store's select action, and focusing an item highlights it (hover).
import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { selectShownWorld } from '../store';
import { useApp, useAppStoreApi } from '../store/react';
import { useT } from './i18n';
import { describeTree, type TwinItem } from '../view/scene';

interface Row {
  item: TwinItem;
  level: number;
  parent: string | null;
}

/** The rows a person can reach: every item whose ancestors are all expanded, in reading order. */
function visibleRows(items: TwinItem[], open: ReadonlySet<string>, level = 1, parent: string | null = null): Row[] {
  const out: Row[] = [];
  for (const item of items) {
    out.push({ item, level, parent });
    if (item.children.length && open.has(item.id)) out.push(...visibleRows(item.children, open, level + 1, item.id));
  }
  return out;
}

/** Expanded at first: the two headings and each namespace, so interfaces show at once. */
function defaultOpen(items: TwinItem[]): Set<string> {
  const s = new Set<string>();
  for (const top of items) {
    s.add(top.id);
    if (top.id === 'namespaces') for (const ns of top.children) s.add(ns.id);
  }
  return s;
}

export function TextTwin({ id = 'text-twin' }: { id?: string }) {
  const api = useAppStoreApi();
  const t = useT();
  const world = useApp(selectShownWorld);
  const selection = useApp((s) => s.selection);
  const hooks = useApp((s) => s.natOverlay);
  const items = useMemo(() => describeTree(world, { hooks }), [world, hooks]);
  // Items the person has closed or opened, over the defaults; kept by id across updates.
  const [toggled, setToggled] = useState<ReadonlyMap<string, boolean>>(new Map());
  const open = useMemo(() => {
    const s = defaultOpen(items);
    for (const [k, v] of toggled) {
      if (v) s.add(k);
      else s.delete(k);
    }
    return s;
  }, [items, toggled]);
  const rows = useMemo(() => visibleRows(items, open), [items, open]);
  // Rows by item id: rendering looks each item up, which a scan made quadratic in the row count.
  const rowById = useMemo(() => new Map(rows.map((r) => [r.item.id, r])), [rows]);
  const [focusId, setFocusId] = useState<string | null>(null);
  const active = (focusId !== null ? rowById.get(focusId)?.item.id : undefined) ?? rows[0]?.item.id;
  const treeRef = useRef<HTMLUListElement>(null);

  const focusRow = (rid: string | undefined) => {
    if (!rid) return;
    setFocusId(rid);
    const all = treeRef.current?.querySelectorAll<HTMLElement>('[data-twin-id]') ?? [];
    for (const el of all) if (el.dataset.twinId === rid) el.focus();
  };
  const setOpen = (rid: string, v: boolean) => setToggled((m) => new Map(m).set(rid, v));
  const choose = (item: TwinItem) => {
    if (item.key) api.getState().select(item.key);
  };

  const onKey = (e: KeyboardEvent<HTMLElement>, row: Row) => {
    const i = rows.indexOf(row);
    const { item } = row;
    const isOpen = open.has(item.id);
    let handled = true;
    switch (e.key) {
      case 'ArrowDown':
        focusRow(rows[i + 1]?.item.id);
        break;
      case 'ArrowUp':
        focusRow(rows[i - 1]?.item.id);
        break;
      case 'Home':
        focusRow(rows[0]?.item.id);
        break;
      case 'End':
        focusRow(rows[rows.length - 1]?.item.id);
        break;
      case 'ArrowRight':
        if (item.children.length && !isOpen) setOpen(item.id, true);
        else if (item.children.length) focusRow(item.children[0].id);
        break;
      case 'ArrowLeft':
        if (item.children.length && isOpen) setOpen(item.id, false);
        else if (row.parent) focusRow(row.parent);
        break;
      case 'Enter':
      case ' ':
        choose(item);
        break;
      case 'Escape':
        api.getState().hoverOn(null);
        handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const render = (list: TwinItem[], level: number) =>
    list.map((item) => {
      const row = rowById.get(item.id);
      if (!row) return null;
      const hasKids = item.children.length > 0;
      const isOpen = open.has(item.id);
      const selected = item.key !== null && item.key === selection;
      return (
        <li
          key={item.id}
          role="treeitem"
          aria-label={item.label}
          aria-level={level}
          aria-expanded={hasKids ? isOpen : undefined}
          aria-selected={item.key !== null ? selected : undefined}
          tabIndex={item.id === active ? 0 : -1}
          data-twin-id={item.id}
          data-key={item.key ?? undefined}
          className={`twin-item${selected ? ' is-selected' : ''}`}
          onKeyDown={(e) => {
            if (e.target === e.currentTarget) onKey(e, row);
          }}
          onFocus={(e) => {
            if (e.target !== e.currentTarget) return;
            setFocusId(item.id);
            api.getState().hoverOn(item.key);
          }}
          onBlur={(e) => {
            if (e.target === e.currentTarget) api.getState().hoverOn(null);
          }}
          onClick={(e) => {
            // The innermost item under the pointer handles the click; its ancestors must not.
            e.stopPropagation();
            setFocusId(item.id);
            if (hasKids) setOpen(item.id, !isOpen);
            choose(item);
          }}
        >
          <span className="twin-label">
            {hasKids ? (
              <span className="twin-caret" aria-hidden="true">
                {isOpen ? '▾' : '▸'}
              </span>
            ) : (
              <span className="twin-caret" aria-hidden="true">
                •
              </span>
            )}
            {item.label}
          </span>
          {hasKids && isOpen && (
            <ul role="group" className="twin-group">
              {render(item.children, level + 1)}
            </ul>
          )}
        </li>
      );
    });

  return (
    <ul ref={treeRef} id={id} role="tree" aria-label={t('twin.label')} className="twin-tree">
      {render(items, 1)}
    </ul>
  );
}
