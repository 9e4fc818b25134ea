# Setting a link's MAC: an ordinary unicast MAC, and a multicast one which is refused.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x address 02:42:ac:11:00:02
ip link set dev veth-y address 5e:00:00:00:00:01
ip link set veth-y address 01:00:5e:00:00:01
ip link set veth-x up
ip link set veth-y up
