# A moved link keeps its ifindex unless the target namespace already uses that number;
# then it gets the target's next free index.
# netns: ns1
ip netns add ns1
ip -n ns1 link add dummy-a type veth peer name dummy-b
ip link add veth-h type veth peer name veth-c
ip link set veth-c netns ns1
ip link add veth-h2 type veth peer name veth-c2
ip link set veth-c2 netns ns1
