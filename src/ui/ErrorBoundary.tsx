// ui/ErrorBoundary.tsx — a fence around one pane or panel: if it fails to render, only that part
// shows a short message and a "Reset view" button; the rest of the app and the world live on.
// Reset view clears what the view adds on top of the world (selection, hover, step player
// position) and draws the part again; it never touches the world or its history.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useAppStoreApi } from '../store/react';
import { isMessageKey, useT, type MessageKey } from './i18n';

interface FenceProps {
  /** What the fenced part is, for the message ("Kernel view"), in the reader's language. */
  label: string;
  /** The fallback's words: "… could not be drawn.", "… safe.", "Reset view". */
  words: { failed: string; safe: string; reset: string };
  onReset: () => void;
  children: ReactNode;
}

interface FenceState {
  error: Error | null;
}

class Fence extends Component<FenceProps, FenceState> {
  override state: FenceState = { error: null };

  static getDerivedStateFromError(error: unknown): FenceState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    // Kept for the developer console; the person sees the fallback below.
    console.error(`netns-lab: ${this.props.label} failed to render`, error, info.componentStack);
  }

  private reset = (): void => {
    this.props.onReset();
    this.setState({ error: null });
  };

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    // The error text is rendered as text: it may quote a name a person typed.
    return (
      <div className="fence-error" role="alert" data-fence={this.props.label}>
        <p>
          <strong>{this.props.words.failed}</strong> {this.props.words.safe}
        </p>
        <p className="fence-detail">{error.message}</p>
        <button type="button" onClick={this.reset}>
          {this.props.words.reset}
        </button>
      </div>
    );
  }
}

/** Renders `children`, or a message and a "Reset view" button if they throw while rendering; `label` names the part. */
export function ErrorBoundary({ label, children }: { label: MessageKey | (string & {}); children: ReactNode }) {
  const api = useAppStoreApi();
  const t = useT();
  // A catalogue key is translated; other text (older callers) is shown as it is.
  const part = isMessageKey(label) ? t(label) : label;
  const words = { failed: t('fence.failed', { part }), safe: t('fence.safe'), reset: t('fence.reset') };
  const onReset = () => {
    const s = api.getState();
    s.select(null);
    s.hoverOn(null);
    s.stepTo(null);
  };
  return (
    <Fence label={part} words={words} onReset={onReset}>
      {children}
    </Fence>
  );
}
