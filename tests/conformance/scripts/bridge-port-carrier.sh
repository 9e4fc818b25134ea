# Bridge carrier follows its ports: an up bridge with a port whose veth peer is down has
# NO-CARRIER; once the peer is up the port and the bridge get LOWER_UP.
# The ports get fixed MACs so that which one the bridge copies is not left to chance.
# netns:
ip link add br0 type bridge
ip link set br0 up
ip link add veth-x address 02:00:00:00:00:02 type veth peer name veth-y
ip link set veth-x master br0
ip link set veth-x up
ip -j link show dev br0 # compare: stdout
ip link add veth-m address 02:00:00:00:00:01 type veth peer name veth-n
ip link set veth-m master br0
ip link set veth-m up
ip link set veth-n up
