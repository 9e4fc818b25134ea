// ui/i18n/en.ts — the English message catalogue: every word of the tour, the lesson panel,
// presenter mode and the app chrome moved so far. The keys of this object are the keys of every
// catalogue (zhTW.ts must have them all). Tool output is never here: it stays as the tools print it.
export const en = {
  'app.tagline': 'Linux network namespaces, seen through Docker’s network modes',
  'app.kernelView': 'Kernel view',
  'app.kernelSub': 'namespaces, interfaces and wires inside the kernel',
  'app.userView': 'User view',
  'app.userSub': 'the machine as a person pictures it',
  'app.twin': 'Diagram as text',
  'app.terminal': 'Terminal',
  'app.credit':
    'The two pictures per mode follow Hung-Wei Chiu’s article on Docker’s network model (hwchiu.com, 2020), drawn anew here.',
  'app.language': 'Language',

  'lesson.title': 'Guided tour',
  'lesson.progress': 'Step {n} of {total}',
  'lesson.prev': '← Previous',
  'lesson.next': 'Next →',
  'lesson.run': 'Run this step',
  'lesson.ran': 'This step’s commands have run. Look at both diagrams, or type your own commands.',
  'lesson.commands': 'Commands of this step',
  'lesson.uses': 'When to use it',
  'lesson.freePlay':
    'Free play: the terminal is always yours. Type anything, then come back to the tour whenever you like.',
  'lesson.predict': 'Predict first',
  'lesson.pickFirst': 'Pick an answer, then run the step to check it.',
  'lesson.right': 'Right: the simulated host agrees.',
  'lesson.wrong': 'Not this time: the simulated host says “{actual}”.',
  'lesson.noneMatched': 'The result matched none of the choices (the world was changed by hand?).',
  'lesson.score': 'Score: {right} of {asked}',
  'lesson.credit': 'This tour follows the facts and order of Hung-Wei Chiu’s article (in Chinese):',
  'lesson.creditLink': 'Docker network model',
  'lesson.presenter': 'Presenter mode',
  'lesson.unexpected': 'A command ended with status {status}, not {expected}: the world differs from the tour’s.',

  'presenter.exit': 'Leave presenter mode',
  'presenter.keysTitle': 'Presenter keys',
  'presenter.close': 'Close',
  'presenter.key.next': 'next step',
  'presenter.key.prev': 'previous step',
  'presenter.key.run': 'run this step’s commands',
  'presenter.key.undo': 'undo the last command',
  'presenter.key.reset': 'reset to a fresh host (and the tour’s first step)',
  'presenter.key.full': 'full screen on or off',
  'presenter.key.zoom': 'larger or smaller type',
  'presenter.key.help': 'show these keys',
  'presenter.key.esc': 'leave presenter mode',

  'tour.intro.title': 'One kernel, many network stacks',
  'tour.intro.body':
    'A network namespace is a separate copy of the kernel’s networking: its own interfaces, addresses, routes and ports. Processes live in user space, above the grey line; namespaces, interfaces and bridges live in kernel space, below it. Docker does not invent networking: each of its modes only decides which namespace a container’s process lands in and how that namespace is wired. Run this step to see the host’s own interfaces and Docker’s three built-in networks.',
  'tour.none.title': 'none: a namespace with nothing in it',
  'tour.none.body':
    'With --network=none Docker gives the container a fresh namespace and leaves it empty apart from the loopback device. There is no cable out, no address besides 127.0.0.1 and no route.',
  'tour.none.uses':
    'Jobs that must not touch any network: batch work on local files, untrusted code in a sandbox, or a namespace you will wire up yourself later.',
  'tour.host.title': 'host: no namespace of its own',
  'tour.host.body':
    'With --network=host the container’s process stays in the host’s namespace. Nothing new is created in the kernel: the container sees and uses exactly the host’s interfaces, addresses and ports.',
  'tour.host.uses':
    'Programs that need the host’s network as it is, with no translation in between: monitoring agents, network tools, or services where every bit of speed counts. The price is isolation: ports are shared with the host.',
  'tour.bridge.title': 'bridge: a cable to a switch on the host',
  'tour.bridge.body':
    'This is Docker’s default. The container gets its own namespace, and a veth pair joins it to the host: one end becomes eth0 inside, the other end is plugged into docker0, a Linux bridge that acts like a switch. Docker picks an address from 172.17.0.0/16 and routes through docker0 (172.17.0.1).',
  'tour.bridge.uses':
    'Most single-host services: each container gets private addresses and ports, talks to its neighbours through docker0, and reaches the outside through the host’s NAT. The same idea powers the bridge plugin of Kubernetes CNI.',
  'tour.bridge2.title': 'bridge again: a second container on docker0',
  'tour.bridge2.body':
    'A second bridge container gets another namespace and another veth pair, plugged into the same docker0. Two ports on one switch: the two containers can reach each other directly.',
  'tour.container.title': 'container: joining another container’s namespace',
  'tour.container.body':
    'With --network=container:bridge the new container gets no namespace of its own: its process joins the namespace of the container named bridge. Both see the same eth0, the same address and the same ports, so localhost in one is localhost in the other.',
  'tour.container.uses':
    'Helpers that must sit right next to a service: a debugging tool attached to a running container, a proxy or log shipper beside an application.',
  'tour.pods.title': 'From container mode to Kubernetes pods',
  'tour.pods.body':
    'A Kubernetes pod is this pattern made routine: a small “pause” container holds the namespace, and every container of the pod joins it the way co_container joined bridge. That is why containers of one pod share an IP address and talk over localhost. You have seen all four modes; the terminal stays yours for free play.',

  'q.none-reach.prompt': 'Can the none container reach 8.8.8.8?',
  'q.none-reach.yes': 'Yes, through the host',
  'q.none-reach.no': 'No, it has no way out',
  'q.none-reach.explain':
    'Its namespace holds only lo: there is no interface and no route towards 8.8.8.8, so ping fails at once.',
  'q.host-links.prompt': 'Which interfaces will ip link show inside the host-mode container?',
  'q.host-links.lo': 'Only lo',
  'q.host-links.lo-eth0': 'lo and its own eth0',
  'q.host-links.host': 'All of the host’s interfaces',
  'q.host-links.explain':
    'The container runs in the host’s namespace, so it lists the host’s interfaces, docker0 included.',
  'q.bridge2-addr.prompt': 'Which address will the second bridge container get?',
  'q.bridge2-addr.explain':
    'docker0 holds 172.17.0.1 and the first container took .2, so Docker’s IPAM hands out the next free address.',
  'q.co-curl.prompt':
    'An nginx container named web joins bridge’s namespace too. Does curl localhost in co_container reach that web server?',
  'q.co-curl.yes': 'Yes',
  'q.co-curl.no': 'No, localhost is per container',
  'q.co-curl.explain':
    'bridge, co_container and web share one namespace, so one loopback: nginx answers on localhost:80 with 200.',
} as const;

/** A message key: any key of the English catalogue. */
export type MessageKey = keyof typeof en;
