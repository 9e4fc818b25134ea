# A veth pair with an explicit peer name: the peer is registered first (lower ifindex),
# both ends start DOWN with qdisc noop, and each names the other in link/link_index.
# netns:
ip link add veth-x type veth peer name veth-y
ip link show # compare: stdout
