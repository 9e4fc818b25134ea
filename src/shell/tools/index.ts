// shell/tools/index.ts — imports every tool module so that each registers its commands.
// One import line per module; importing this file is what makes the tools exist.
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
