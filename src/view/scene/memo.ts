// view/scene/memo.ts — keeps scene elements the same objects from one world to the next when
// their content is unchanged, so that a renderer (and the scene caches) can tell what changed by
// identity instead of comparing every element. Pure: plain data in, plain data out.
import type { Scene, SceneBox, SceneDecor, SceneWire } from './types';

type Piece = SceneBox | SceneWire | SceneDecor;

function sameList<T>(a: readonly T[] | undefined, b: readonly T[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function samePoint(a: { x: number; y: number } | undefined, b: { x: number; y: number } | undefined): boolean {
  return a === b || (!!a && !!b && a.x === b.x && a.y === b.y);
}

/** Whether two scene elements have the same fields (label, related and tether compared by value). */
function samePiece(a: Piece, b: Piece): boolean {
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  for (const k of ka) {
    const x = ra[k];
    const y = rb[k];
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (!sameList(x, y)) return false;
    } else if (k === 'tether') {
      if (!samePoint(x as { x: number; y: number } | undefined, y as { x: number; y: number } | undefined))
        return false;
    } else return false;
  }
  return true;
}

/** The last scene built per pane and layout (type size, details, overlay). */
const last = new Map<string, Scene>();
/** The elements of a scene by key (boxes, wires, decorations apart), once per scene. */
const indexed = new WeakMap<Scene, Map<string, Piece>[]>();

function piecesOf(s: Scene): Map<string, Piece>[] {
  let m = indexed.get(s);
  if (!m) {
    const byKey = (list: Piece[]) => new Map(list.map((p) => [p.key, p]));
    m = [byKey(s.boxes), byKey(s.wires), byKey(s.decor)];
    indexed.set(s, m);
  }
  return m;
}

function pick<T extends Piece>(list: T[], before: Map<string, Piece>): T[] {
  return list.map((p) => {
    const old = before.get(p.key);
    return old && samePiece(old, p) ? (old as T) : p;
  });
}

/**
 * The scene with every element that equals the one of the same key in the previous scene built
 * for `slot` replaced by that earlier object; then remembered as the previous scene of `slot`.
 * Only equal elements are swapped, so the scene is the same by value either way.
 */
export function keepUnchanged(slot: string, scene: Scene): Scene {
  const prev = last.get(slot);
  last.set(slot, scene);
  if (!prev) return scene;
  const [boxes, wires, decor] = piecesOf(prev);
  scene.boxes = pick(scene.boxes, boxes);
  scene.wires = pick(scene.wires, wires);
  scene.decor = pick(scene.decor, decor);
  return scene;
}
