# Deleting a namespace destroys its links, and with them their veth peers in the host;
# a bridge port whose peer dies leaves the bridge.
# netns: ns1
ip netns add ns1
ip link add br0 type bridge
ip link add veth-h type veth peer name eth0 netns ns1
ip link add veth-k type veth peer name veth-l
ip link set veth-h master br0
ip link set veth-l netns ns1
ip netns del ns1
