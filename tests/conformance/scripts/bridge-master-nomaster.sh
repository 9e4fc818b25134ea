# ip link set X master BR attaches a port (master shown in dumps); setting another master
# moves the port to that bridge; nomaster detaches it.
# netns:
ip link add br0 type bridge
ip link add br1 type bridge
ip link add veth-x type veth peer name veth-y
ip link set veth-x master br0
ip link set veth-y master br0
ip link set veth-x master br1
ip link set veth-y nomaster
