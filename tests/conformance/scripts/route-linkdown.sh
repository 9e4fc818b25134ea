# Connected routes: added with the address on an up link (flag linkdown while the peer is
# down), gone when the link goes down, back when it comes up; none for an address on a down link.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x up
ip addr add 10.1.0.1/24 dev veth-x
ip -j route # compare: stdout
ip link set veth-y up
ip addr add 10.2.0.1/24 dev veth-y
ip link set veth-y down
ip link add veth-m type veth peer name veth-n
ip addr add 10.3.0.1/24 dev veth-m
