# veth carrier: one end up and the other down gives NO-CARRIER, M-DOWN, LOWERLAYERDOWN on
# the up end; both up gives LOWER_UP, state UP; taking one down again drops the other's carrier.
# netns:
ip link add veth-a1 type veth peer name veth-b1
ip link add veth-a2 type veth peer name veth-b2
ip link set veth-a1 up
ip link set veth-a2 up
ip link set veth-b2 up
ip link add veth-a3 type veth peer name veth-b3
ip link set veth-a3 up
ip link set veth-b3 up
ip link set veth-b3 down
