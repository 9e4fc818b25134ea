// shell/tools/index.ts — imports every tool module so that each registers its commands.
// One import line per module; importing this file is what makes the tools exist. Node entry
// points import it statically; the browser loads it after its first paint (../loadTools.ts).
import './text';
import './session';
import './ip';
import './ping';
import './docker';
import './ifconfig';
import './route';
import './brctl';
import './bridge';
import './nsenter';
import './sysctl';
import './curl';
import './nc';
import './ss';
import './traceroute';
import './tcpdump';
import './iptables';
import './fs';
import './lsns';
import './env';
import './cut';
import './jobs';
import { markToolsLoaded } from '../loadTools';

// Imports run first, so every tool above is registered by the time this line runs.
markToolsLoaded();
