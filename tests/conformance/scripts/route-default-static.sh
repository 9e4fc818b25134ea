# A default route and static routes via a gateway on a connected network, a device route,
# a metric, a duplicate (File exists) and deleting a route.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x up
ip link set veth-y up
ip addr add 192.168.7.2/24 dev veth-x
ip route add default via 192.168.7.1
ip route add 10.10.0.0/16 via 192.168.7.254 dev veth-x
ip route add 10.20.0.0/16 dev veth-x
ip route add 10.30.0.0/16 via 192.168.7.1 metric 50
ip route add 10.10.0.0/16 via 192.168.7.254
ip route del 10.20.0.0/16
ip route del 10.99.0.0/16
ip route show # compare: stdout
