# The companion lab "wiring a none container by hand": move c1-eth0 into the container's
# namespace renamed eth0 in one command, put veth0 on the bridge, address eth0 with ifconfig.
# netns: c1
ip netns add c1
ip netns exec c1 ip link set lo up
brctl addbr hwchiu0
ifconfig hwchiu0 up
ip link add dev c1-eth0 type veth
ip link set c1-eth0 netns c1 name eth0
ip netns exec c1 ip link show # compare: stdout
brctl addif hwchiu0 veth0
ifconfig veth0 up
ip netns exec c1 ifconfig eth0 10.55.66.2 netmask 255.255.255.0 up
ifconfig hwchiu0 10.55.66.1 netmask 255.255.255.0 up
