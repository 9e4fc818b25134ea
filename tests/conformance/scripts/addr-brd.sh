# IPv4 addresses with and without a broadcast: none, brd +, an explicit brd, a /31 and /32;
# and the connected routes they make.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x up
ip link set veth-y up
ip addr add 10.1.0.1/24 dev veth-x
ip addr add 10.2.0.1/16 brd + dev veth-x
ip addr add 10.3.0.1/24 brd 10.3.0.77 dev veth-x
ip addr add 10.4.0.1/31 brd + dev veth-y
ip addr add 10.5.0.1/32 dev veth-y
ip addr add 10.6.0.1 dev veth-y
ip addr show dev veth-x # compare: stdout
