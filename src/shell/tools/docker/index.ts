// shell/tools/docker/index.ts — registers the `docker` command (host toolset only).
import './netns';
export { docker, containerLogs } from './docker';
