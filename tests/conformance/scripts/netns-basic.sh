# ip netns add/list/del: a second add of the same name fails with "File exists",
# deleting a missing namespace fails, and ip netns list shows what is left.
# netns: ns1 ns2 ghost
ip netns add ns1
ip netns add ns2
ip netns list # compare: stdout-unordered
ip netns add ns1
ip netns del ghost
ip netns del ns2
ip netns list # compare: stdout-unordered
ip -n ghost link
ip netns exec ghost ip link
