// view/scene/types.ts — the data a pane is drawn from: boxes, wires and decorations, each
// element keyed by a stable model id so renderers can join by key and animate only changes.
// Plain data only: no DOM, no D3, no React.

/** What a drawn element stands for; exposed as `data-kind` for tests and assistive technology. */
export type ElementKind =
  | 'host'
  | 'container'
  | 'netns'
  | 'interface'
  | 'bridge'
  | 'veth'
  | 'port'
  /** An outline around containers that share one namespace (a Kubernetes pod). */
  | 'pod'
  /** A netfilter hook and its rules (the "NAT & filter" overlay of the kernel view). */
  | 'hook';

/** How a box is drawn (the renderer maps each to a shape and a CSS class). */
export type BoxShape = 'region' | 'card' | 'nic' | 'switch' | 'port';

/** A rectangle-like element: a namespace region, a container card, an interface, a bridge, a port. */
export interface SceneBox {
  key: string;
  kind: ElementKind;
  shape: BoxShape;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Text lines; the first is the title. */
  label: string[];
  /** The label's full text when fitting had to shorten it (drawn as the box's tooltip). */
  full?: string;
  /** Where the label sits: a region's label is in its top-left corner, others are centred. */
  labelAt?: 'top-left' | 'center' | 'left';
  /** Colour index of the namespace it belongs to (0 = the host's). */
  tone: number;
  /** Accessible name ("network namespace of container bridge"). */
  name: string;
  /** Keys highlighted along with this one (its peer, its bridge, its namespace …). */
  related: string[];
  /** Drawn faded: a link that is down, a container that is stopped. */
  dim?: boolean;
  /** A dashed line from the box's bottom centre to a point (a container to its namespace). */
  tether?: { x: number; y: number };
  /** Drawn with a smaller font (a narrow card sharing its column). */
  compact?: boolean;
  /** Stacking: regions 0, cards and interfaces 1, ports 2. */
  z: number;
}

/** A line between two points: a veth pair (cable) or a bridge port's attachment. */
export interface SceneWire {
  key: string;
  kind: 'veth' | 'port';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  name: string;
  related: string[];
  dim?: boolean;
  /** Text drawn at the wire's middle (e.g. "veth pair"). */
  caption?: string;
}

/** Something drawn that is not a model element: the user/kernel divider, titles, the outside world. */
export interface SceneDecor {
  key: string;
  type: 'line' | 'text' | 'cloud';
  x: number;
  y: number;
  x2?: number;
  y2?: number;
  text?: string;
  /** CSS class suffix for styling ("divider", "space-label", "uplink"). */
  style: string;
}

/** Font sizes in scene units: box titles, detail lines, region titles, space labels, notes. */
export interface SceneFonts {
  title: number;
  detail: number;
  region: number;
  space: number;
  note: number;
}

export interface Scene {
  pane: 'kernel' | 'user';
  /** Type size the scene was laid out for (1: normal): line spacing inside boxes scales with it. */
  labelScale?: number;
  /** Font sizes (scene units) the layout sized its boxes for; the renderer draws text at them. */
  fonts?: SceneFonts;
  /** Baseline of a region's title below the region's top edge (18 at the normal type size). */
  regionTitleY?: number;
  width: number;
  height: number;
  boxes: SceneBox[];
  wires: SceneWire[];
  decor: SceneDecor[];
}

/** Everything in a scene that carries a key, in one list. */
export function sceneKeys(s: Scene): string[] {
  return [...s.boxes.map((b) => b.key), ...s.wires.map((w) => w.key)];
}
