// Store tests: command lines change the world through the shell; undo/redo move a pointer and
// restore exactly the earlier world; the step player replays the kernel operations of the last
// command; reset and the Docker profile give a fresh host.
import { describe, expect, it } from 'vitest';
import {
  createAppStore,
  selectHighlight,
  selectInspector,
  selectScenes,
  selectShownWorld,
  selectSteps,
} from '../../src/store';

const BRIDGE = 'docker run --network=bridge -d --name bridge hwchiu/netutils';
const NONE = 'docker run --network=none -d --name none hwchiu/netutils';

describe('app store', () => {
  it('records a changing command with its output and kernel operations', () => {
    const s = createAppStore();
    s.getState().run(BRIDGE);
    const st = s.getState();
    expect(st.index).toBe(1);
    expect(st.entries[0].line).toBe(BRIDGE);
    expect(st.entries[0].ops.length).toBeGreaterThan(5);
    expect(st.entries[0].ops[0].op).toBe('addNetns');
    // docker run -d prints the 64-hex container id.
    expect(
      st.transcript
        .at(-1)!
        .output.map((c) => c.text)
        .join(''),
    ).toMatch(/^[0-9a-f]{64}\n$/);
  });

  it('does not add a history entry for a command that changes nothing', () => {
    const s = createAppStore();
    s.getState().run('ip link');
    expect(s.getState().entries).toHaveLength(0);
    expect(
      s
        .getState()
        .transcript.at(-1)!
        .output.map((c) => c.text)
        .join(''),
    ).toContain('1: lo:');
    expect(s.getState().lines).toEqual(['ip link']);
  });

  it('undoes and redoes whole commands, restoring exactly the earlier worlds', () => {
    const s = createAppStore();
    const w0 = s.getState().world;
    s.getState().run(NONE);
    const w1 = s.getState().world;
    s.getState().run(BRIDGE);
    const w2 = s.getState().world;
    s.getState().undo();
    expect(s.getState().world).toBe(w1);
    s.getState().undo();
    expect(s.getState().world).toBe(w0);
    s.getState().undo();
    expect(s.getState().world).toBe(w0);
    s.getState().redo();
    s.getState().redo();
    expect(s.getState().world).toBe(w2);
    // A new command after an undo drops the redo branch.
    s.getState().undo();
    s.getState().run('ip link add br-x type bridge');
    expect(s.getState().entries.map((e) => e.line)).toEqual([NONE, 'ip link add br-x type bridge']);
    expect(s.getState().index).toBe(2);
  });

  it('steps through the kernel operations of the last command and comes back to now', () => {
    const s = createAppStore();
    s.getState().run(BRIDGE);
    const steps = selectSteps(s.getState());
    const n = steps.length;
    expect(steps[0]).toMatchObject({ n: 1, op: { op: 'addNetns' } });
    expect(steps.map((x) => x.command).join('\n')).toMatch(/ip link add \S+ (\S+ \S+ )*type veth peer name \S+/);
    expect(steps.some((x) => /link set \S+ master docker0/.test(x.command))).toBe(true);
    s.getState().stepTo(0);
    // Before step 1 the kernel is the one before the command: no second namespace.
    expect(Object.keys(selectShownWorld(s.getState()).kernel.netns)).toEqual(['netns:0']);
    s.getState().stepBy(1);
    expect(Object.keys(selectShownWorld(s.getState()).kernel.netns)).toHaveLength(2);
    s.getState().stepTo(n);
    expect(selectShownWorld(s.getState()).kernel).toEqual(s.getState().world.kernel);
    s.getState().stepTo(null);
    expect(selectShownWorld(s.getState())).toBe(s.getState().world);
  });

  it('highlights an element with what it is connected to', () => {
    const s = createAppStore({ lines: [BRIDGE] });
    const { kernel } = selectScenes(s.getState());
    const ctr = kernel.boxes.find((b) => b.kind === 'container')!;
    s.getState().hoverOn(ctr.key);
    const hl = selectHighlight(s.getState());
    expect(hl.has(ctr.key)).toBe(true);
    expect(hl.has(kernel.boxes.find((b) => b.name === 'network namespace of container bridge')!.key)).toBe(true);
  });

  it('inspects an interface with the command a person would type, and its output', () => {
    const s = createAppStore({ lines: [BRIDGE] });
    const docker0 = selectScenes(s.getState()).kernel.boxes.find((b) => b.kind === 'bridge')!;
    s.getState().select(docker0.key);
    const v = selectInspector(s.getState())!;
    expect(v.sections.map((x) => x.line)).toEqual(['brctl show docker0', 'ip addr show dev docker0']);
    expect(v.sections[1].output).toContain('inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0');
    expect(v.actions[0]).toEqual({ label: 'Set down', line: 'ip link set docker0 down', fault: true });
  });

  it('resets to a fresh host, and switching the profile resets', () => {
    const s = createAppStore({ lines: [BRIDGE] });
    s.getState().reset('current');
    expect(s.getState().entries).toHaveLength(0);
    expect(s.getState().profile).toBe('current');
    expect(s.getState().world.docker.profile).toBe('current');
    expect(Object.keys(s.getState().world.kernel.netns)).toEqual(['netns:0']);
  });
});

describe('the terminal session', () => {
  it("starts each line with $? set to the previous line's status, as bash does", () => {
    const s = createAppStore();
    s.getState().run('false');
    s.getState().run('echo $?');
    const last = s.getState().transcript[s.getState().transcript.length - 1];
    expect(last.output.map((c) => c.text).join('')).toBe('1\n');
  });
});
