# mtu: a veth end alone (the peer keeps its mtu), a bridge follows its smallest port's mtu,
# and an out-of-range value is refused.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x mtu 1400
ip link add br0 type bridge
ip link add veth-m type veth peer name veth-n
ip link set veth-m mtu 1300
ip link set veth-m master br0
ip link set veth-y mtu 70000
ip link set lo mtu 1280
