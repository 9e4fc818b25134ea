# A bridge without an explicit MAC takes the lowest MAC among its ports; when the last port
# leaves its MAC becomes 00:00:00:00:00:00. brctl show prints bridge id 8000.000000000000 until a port joins.
# netns:
ip link add br0 type bridge
brctl show # compare: stdout
ip link add veth-x address 02:00:00:00:00:20 type veth peer name veth-y address 02:00:00:00:00:30
ip link add veth-m address 02:00:00:00:00:10 type veth peer name veth-n
ip link set veth-x master br0
ip -j link show dev br0 # compare: stdout
ip link set veth-m master br0
ip -j link show dev br0 # compare: stdout
ip link set veth-m nomaster
ip link set veth-x nomaster
brctl show # compare: stdout
