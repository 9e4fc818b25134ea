# Every tool's message for a device that does not exist.
# netns:
ip link set nosuch up
ip link show nosuch
ip addr add 10.0.0.1/24 dev nosuch
ip link del nosuch
ip link set nosuch master nosuchbr
ifconfig nosuch up
ifconfig nosuch
brctl addbr br0
brctl addif br0 nosuch
brctl addif nosuchbr nosuch
