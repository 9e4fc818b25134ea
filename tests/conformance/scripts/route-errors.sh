# Route errors: a gateway not on a connected network, a gateway on a down link, a missing
# device, a malformed prefix; a gateway reached through a link without carrier is accepted.
# netns:
ip link add veth-x type veth peer name veth-y
ip addr add 192.168.7.2/24 dev veth-x
ip route add default via 10.0.0.1
ip route add default via 192.168.7.1
ip link set veth-x up
ip route add default via 10.0.0.1
ip route add default via 192.168.7.1 dev nosuchdev
ip route add 10.40.0.0/33 dev veth-x
ip route add default via 192.168.7.1
