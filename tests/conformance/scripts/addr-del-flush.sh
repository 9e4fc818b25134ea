# ip addr del removes one address (deleting a primary removes its secondaries too);
# ip addr flush dev X removes all IPv4 and global IPv6 addresses of X.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x up
ip link set veth-y up
ip addr add 10.1.0.1/24 dev veth-x
ip addr add 10.1.0.2/24 dev veth-x
ip addr add 10.2.0.1/24 dev veth-x
ip addr add 10.3.0.1/24 dev veth-y
ip addr add 10.3.0.2/24 dev veth-y
ip addr del 10.2.0.1/24 dev veth-x
ip addr del 10.3.0.1/24 dev veth-y
ip addr flush dev veth-x
