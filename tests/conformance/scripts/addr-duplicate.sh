# Adding an address twice fails with "RTNETLINK answers: File exists"; the same address on
# another link is allowed; deleting a missing address fails.
# netns:
ip link add veth-x type veth peer name veth-y
ip addr add 10.1.0.1/24 dev veth-x
ip addr add 10.1.0.1/24 dev veth-x
ip addr add 10.1.0.1/16 dev veth-x
ip addr add 10.1.0.1/24 dev veth-y
ip addr del 10.1.0.9/24 dev veth-x
