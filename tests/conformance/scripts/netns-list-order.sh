# ip netns list after several adds and a delete in the middle, and the "(id: N)" suffix once
# a veth links the host to a namespace. The listing order is the directory order of /run/netns,
# which depends on the filesystem holding it, so the lines are compared as a sorted set.
# netns: red green blue
ip netns add red
ip netns add green
ip netns add blue
ip netns list # compare: stdout-unordered
ip netns del green
ip netns list # compare: stdout-unordered
ip link add veth-r type veth peer name veth-r1 netns red
ip netns list # compare: stdout-unordered
