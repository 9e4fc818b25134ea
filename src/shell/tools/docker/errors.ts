// shell/tools/docker/errors.ts — Docker's words for each engine error, per profile:
// classic = Docker Engine/CLI 24, current = 29. Sources are cited per message; the engine only
// returns codes, so every sentence a user reads about Docker's refusals lives here.
import type { DockerError } from '../../../docker/engine';
import type { PublishError } from '../../../docker/ports';
import type { DockerProfile } from '../../../docker/world';

/** The daemon's message (without the client's "Error response from daemon: " prefix). */
export function daemonMessage(e: DockerError, profile: DockerProfile): string {
  const v29 = profile === 'current';
  switch (e.code) {
    case 'nameInUse':
      // moby daemon/names.go: the name is stored with its leading slash.
      return `Conflict. The container name "/${e.name}" is already in use by container "${e.id}". You have to remove (or rename) that container to be able to reuse that name.`;
    case 'noSuchContainer':
      return `No such container: ${e.ref}`;
    case 'noSuchImage':
      return `No such image: ${e.ref}`;
    case 'invalidContainerMode':
      // runconfig/hostconfig.go: capitalised up to v24, lower case later.
      return `${v29 ? 'invalid' : 'Invalid'} network mode: invalid container format container:<name|id>`;
    case 'conflict':
      return {
        hostname: 'conflicting options: hostname and the network mode',
        links:
          "conflicting options: container type network can't be used with links. This would result in undefined behavior",
        dns: 'conflicting options: dns and the network mode',
        addHost: 'conflicting options: custom host-to-IP mapping and the network mode',
        mac: 'conflicting options: mac-address and the network mode',
        publish: 'conflicting options: port publishing and the container type network mode',
        expose: 'conflicting options: port exposing and the container type network mode',
        hostLinks:
          "conflicting options: host type networking can't be used with links. This would result in undefined behavior",
      }[e.what];
    case 'ipOnDefaultBridge':
      return 'user specified IP address is supported on user defined networks only';
    case 'joinMissing':
      return v29
        ? `joining network namespace of container: No such container: ${e.ref}`
        : `No such container: ${e.ref}`;
    case 'joinNotRunning':
      // <= v27 names the target by the reference stored at create: its full id when it existed then.
      return v29
        ? `cannot join network namespace of a non running container: container ${e.name} is ${e.state}`
        : `cannot join network of a non running container: ${e.id}`;
    case 'linkMissing':
      // daemon registerLinks: errors.Wrapf(err, "could not get container for %s", name).
      return `could not get container for ${e.name}: No such container: ${e.name}`;
    case 'linkNotRunning':
      // daemon setupLinkedContainers, as real daemons print it: "… /db AS /web/db".
      return `Cannot link to a non running container: ${e.child} AS ${e.link}`;
    case 'joinSelf':
      return v29 ? 'cannot join own network namespace' : 'cannot join own network';
    case 'networkNotFound':
      return `network ${e.ref} not found`;
    case 'removeRunning':
      return v29
        ? `cannot remove container "${e.name}": container is running: stop the container before removing or force remove`
        : `You cannot remove a running container ${e.id}. Stop the container before attempting removal or force remove`;
    case 'notRunning':
      return `container ${e.id} is not running`;
    case 'ipInUse':
      return 'Address already in use';
    case 'poolExhausted':
      return 'no available addresses on this pool';
    case 'predefinedNetwork':
      return `${e.name} is a pre-defined network and cannot be removed`;
    case 'invalidReference':
      return e.reason === 'lowercase' ? lowercaseMessage(e.ref, profile) : 'invalid reference format';
    case 'networkExists':
      // libnetwork error.go NetworkNameError.
      return `network with name ${e.name} already exists`;
    case 'poolsExhausted':
      // ipamapi/contract.go ErrNoMoreSubnets.
      return 'all predefined address pools have been fully subnetted';
    case 'poolOverlap':
      // ipamapi/contract.go ErrPoolOverlap.
      return 'Pool overlaps with other one on this address space';
    case 'invalidSubnet':
      // Go's net.ParseCIDR error text.
      return `invalid CIDR address: ${e.subnet}`;
    case 'ipNeedsUserSubnet':
      // daemon/container_operations.go validateEndpointSettings (runconfig ErrUnsupportedNetworkNoSubnetAndIP).
      return 'user specified IP address is supported only when connecting to networks with user configured subnets';
    case 'aliasOnDefault':
      // runconfig ErrUnsupportedNetworkAndAlias.
      return 'network-scoped alias is supported only for containers in user defined networks';
    case 'networkActive':
      // <= v28.0: the network's full id; v28.1+: the endpoints by container name and short id (libnetwork error.go).
      return v29
        ? `error while removing network: network ${e.name} has active endpoints (${e.endpoints.map((x) => `name:"${x.name}" id:"${x.id}"`).join(', ')})`
        : `error while removing network: network ${e.name} id ${e.id} has active endpoints`;
    case 'connectShared':
      return 'container sharing network namespace with another container or host cannot be connected to any other network';
    case 'connectHost':
      return 'cannot connect container to host network - container must be created in host network mode';
    case 'connectNone':
      return 'container cannot be connected to multiple networks with one of the networks in private (none) mode';
    case 'endpointExists':
      // libnetwork network.go CreateEndpoint: the endpoint is named after the container.
      return `endpoint with name ${e.container} already exists in network ${e.network}`;
    case 'notConnected':
      // daemon/container_operations.go: two wordings, for a running and for a stopped container.
      return e.running
        ? `container ${e.id} is not connected to network ${e.network}`
        : `container ${e.id} is not connected to the network ${e.network}`;
    case 'kernel':
      return `failed to set up container networking: ${e.error.errno}`;
    case 'publish':
      // libnetwork bridge driver + portallocator.go; v28+ adds the networking prefix itself.
      return publishErrorMessage(e.error, profile);
  }
}

/** The daemon's message for a publishing failure (libnetwork's bridge driver, portallocator). */
function publishErrorMessage(e: PublishError, profile: DockerProfile): string {
  const pre = `driver failed programming external connectivity on endpoint ${e.endpoint} (${e.endpointId}): `;
  let msg: string;
  if (e.code === 'portAllocated') msg = `Bind for ${e.hostIp}:${e.hostPort} failed: port is already allocated`;
  else if (profile === 'classic')
    msg = `Error starting userland proxy: listen ${e.mapping.proto}4 ${e.mapping.hostIp}:${e.mapping.hostPort}: bind: address already in use`;
  else
    msg = `failed to bind host port for ${e.mapping.hostIp}:${e.mapping.hostPort}:${e.ip}:${e.mapping.containerPort}/${e.mapping.proto}: address already in use`;
  // v28+ wraps every failure of the network setup at start (start_linux.go).
  return profile === 'classic' ? pre + msg : `failed to set up container networking: ${pre}${msg}`;
}

function lowercaseMessage(ref: string, profile: DockerProfile): string {
  if (profile === 'classic') return 'invalid reference format: repository name must be lowercase';
  // distribution/reference (v29's vendored copy) names the normalised repository.
  const repo = ref.replace(/:[^/]*$/, '');
  const full = repo.includes('/') ? repo : `library/${repo}`;
  return `invalid reference format: repository name (${full}) must be lowercase`;
}

/** An error from the daemon as the Go client words it. */
export function fromDaemon(e: DockerError, profile: DockerProfile): string {
  if (e.code === 'invalidReference') return daemonMessage(e, profile);
  let msg = daemonMessage(e, profile);
  // v28+: a start that fails while connecting to a network says so first.
  if (profile === 'current' && e.code === 'networkNotFound') msg = `failed to set up container networking: ${msg}`;
  return `Error response from daemon: ${msg}`;
}

/**
 * `docker run`'s framing of an error (cli run.go). <= v27: `reportError` ends the text with a full
 * stop; create-time errors add `See 'docker run --help'.`. v28+: `docker: <err>`, a blank line,
 * and `Run 'docker run --help' for more information`, for create and start alike.
 */
export function runError(text: string, profile: DockerProfile, atCreate: boolean): string {
  if (profile === 'current') return `docker: ${text}\n\nRun 'docker run --help' for more information\n`;
  const body = text.replace(/\.$/, '') + '.';
  return `docker: ${body}${atCreate ? "\nSee 'docker run --help'." : ''}\n`;
}

/** The pull error of a host that cannot reach Docker Hub (its resolver answers no such host). */
export function pullError(): string {
  return 'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 127.0.0.53:53: no such host';
}

/** cobra/pflag flag errors, framed by docker/cli's FlagErrorFunc (exit status 125). */
export function flagError(err: string, command: string, useLine: string, profile: DockerProfile): string {
  if (profile === 'current') return `${err}\n\nUsage:  ${useLine}\n\nRun '${command} --help' for more information\n`;
  return `${err}\nSee '${command} --help'.\n`;
}

/** cli.RequiresMinArgs / ExactArgs (exit status 1). */
export function argsError(
  command: string,
  useLine: string,
  short: string,
  min: number,
  exact: boolean,
  profile: DockerProfile,
): string {
  const n = `${min} argument${min === 1 ? '' : 's'}`;
  if (profile === 'current') {
    if (exact)
      return `docker: '${command}' requires ${n}\n\nUsage:  ${useLine}\n\nRun '${command} --help' for more information\n`;
    return `docker: '${command}' requires at least ${n}\n\nUsage:  ${useLine}\n\nSee '${command} --help' for more information\n`;
  }
  return `"${command}" requires ${exact ? 'exactly' : 'at least'} ${n}.\nSee '${command} --help'.\n\nUsage:  ${useLine}\n\n${short}\n`;
}

/** What runc says when the program asked for is not in the image. */
export function notFoundInImage(prog: string, phase: 'exec' | 'create'): string {
  if (phase === 'exec')
    return `OCI runtime exec failed: exec failed: unable to start container process: exec: "${prog}": executable file not found in $PATH: unknown`;
  return `failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "${prog}": executable file not found in $PATH: unknown`;
}
