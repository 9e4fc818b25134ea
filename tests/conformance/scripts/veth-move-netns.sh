# Moving an up, addressed veth end into another namespace: it keeps its ifindex, goes DOWN,
# loses its addresses, and both ends now show link_netnsid; the host end loses carrier.
# netns: ns1
ip netns add ns1
ip link add veth-h type veth peer name veth-c
ip addr add 10.9.0.1/24 dev veth-c
ip link set veth-h up
ip link set veth-c up
ip link set veth-c netns ns1
