# Every way of naming a namespace that does not exist.
# netns: ghost
ip -n ghost link
ip netns exec ghost ip link
ip link add veth-x type veth peer name veth-y
ip link set veth-x netns ghost
ip link add veth-m type veth peer name veth-n netns ghost
ip netns del ghost
