// ui/Legend.tsx — what the colours and line styles of both panes mean. Nothing is told by colour
// alone: every namespace also carries its name in its label, and the three kinds of line differ
// in pattern (solid, dotted, dashed), as the legend says in words.
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="sw tone-0" aria-hidden="true" /> the host&apos;s network namespace (labelled &ldquo;host
        netns&rdquo;)
      </li>
      <li>
        <span className="sw tone-1" aria-hidden="true" />
        <span className="sw tone-2" aria-hidden="true" />
        <span className="sw tone-3" aria-hidden="true" /> one colour per container namespace, the same in both views;
        each is also named in its label
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-veth" />
        </svg>{' '}
        solid line: veth pair (a cable)
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-port" />
        </svg>{' '}
        dotted line: bridge port
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-tether" />
        </svg>{' '}
        dashed line: container lives in
      </li>
      <li>
        <span className="sw sw-dim" aria-hidden="true" /> faded: down or stopped (the diagram as text says so in words)
      </li>
    </ul>
  );
}
