// ui/Legend.tsx — what the colours and line styles of both panes mean.
export function Legend() {
  return (
    <ul className="legend" aria-label="Legend">
      <li>
        <span className="sw tone-0" aria-hidden="true" /> the host&apos;s network namespace
      </li>
      <li>
        <span className="sw tone-1" aria-hidden="true" />
        <span className="sw tone-2" aria-hidden="true" />
        <span className="sw tone-3" aria-hidden="true" /> one colour per container namespace, the same in both views
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-veth" />
        </svg>{' '}
        veth pair (a cable)
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-port" />
        </svg>{' '}
        bridge port
      </li>
      <li>
        <svg width="34" height="10" aria-hidden="true">
          <line x1="2" y1="5" x2="32" y2="5" className="lg-tether" />
        </svg>{' '}
        container lives in
      </li>
      <li>
        <span className="sw sw-dim" aria-hidden="true" /> faded: down or stopped
      </li>
    </ul>
  );
}
