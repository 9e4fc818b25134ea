# The companion lab "bridge model by hand": brctl addbr hwchiu0, two veths with kernel-named
# peers, both peers on the bridge and up (their c*-eth0 ends still down). Not in the lab: the
# peers get fixed MACs, since the bridge copies the lower one and random MACs make that a coin toss.
# netns:
brctl addbr hwchiu0
brctl show # compare: stdout
ip link add dev c1-eth0 type veth
ip link add dev c2-eth0 type veth
ip link | grep veth # compare: stdout
ip link set veth0 address 02:00:00:00:00:a0
ip link set veth1 address 02:00:00:00:00:a1
brctl addif hwchiu0 veth0
brctl addif hwchiu0 veth1
ifconfig veth0 up
ifconfig veth1 up
brctl show # compare: stdout
