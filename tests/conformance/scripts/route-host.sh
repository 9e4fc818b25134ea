# Host routes: a /32 device route and a /32 via a gateway print as bare addresses, in text and JSON.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x up
ip link set veth-y up
ip addr add 192.168.7.2/24 dev veth-x
ip route add 192.168.9.9/32 dev veth-x
ip route add 10.77.0.1/32 via 192.168.7.1
ip route show # compare: stdout
ip -j route show # compare: stdout
