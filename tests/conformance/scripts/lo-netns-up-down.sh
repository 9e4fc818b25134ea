# A new namespace's lo is DOWN with no address; bringing it up (via ip netns exec) adds
# 127.0.0.1/8 and ::1/128 and the local routes; bringing it down again drops ::1.
# netns: ns1 ns2
ip netns add ns1
ip netns add ns2
ip netns exec ns1 ip link set lo up
ip -n ns2 link set lo up
ip -n ns2 link set lo down
