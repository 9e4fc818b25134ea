// Component test for the placeholder App: the page shows its title, both panes and the terminal area.
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App';

describe('App', () => {
  it('shows the title, the kernel and user panes, and a terminal area', () => {
    const { container } = render(<App />);
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('netns-lab');
    expect(screen.getByRole('region', { name: 'Kernel view' })).toHaveAttribute('data-pane', 'kernel');
    expect(screen.getByRole('region', { name: 'User view' })).toHaveAttribute('data-pane', 'user');
    expect(container.querySelector('[data-pane="terminal"]')).toBeInTheDocument();
  });
});
