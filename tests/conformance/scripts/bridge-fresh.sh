# A fresh bridge from ip link add: DOWN, noop, its own random MAC; brought up with no port
# it has no carrier.
# netns:
ip link add br0 type bridge
ip link add br1 type bridge
ip link set br1 up
