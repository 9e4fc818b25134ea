# ifindex is cyclic: deleting links does not free their numbers for the next links.
# netns:
ip link add veth-p type veth peer name veth-q
ip link add veth-r type veth peer name veth-s
ip link del veth-p
ip link add veth-t type veth peer name veth-u
ip link add br-t type bridge
