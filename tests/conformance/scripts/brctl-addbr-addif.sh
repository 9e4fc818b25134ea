# bridge-utils: brctl addbr, brctl addif, brctl show (tab-separated columns, ports sorted).
# The ports get fixed MACs: a bridge takes its lowest port MAC, and random MACs would make that a coin toss.
# netns:
brctl addbr br0
brctl addbr br0
ip link add veth-b address 02:00:00:00:00:0b type veth peer name veth-b1
ip link add veth-a address 02:00:00:00:00:0a type veth peer name veth-a1
brctl addif br0 veth-b
brctl addif br0 veth-a
brctl addif br0 veth-a
brctl addbr abr
brctl show # compare: stdout
