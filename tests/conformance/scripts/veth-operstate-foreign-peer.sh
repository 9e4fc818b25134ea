# operstate of an up veth whose peer sits (down) in another namespace. Without carrier the
# kernel looks the peer's ifindex up in the link's own namespace: LOWERLAYERDOWN when some link
# there has that number (up or down alike), DOWN when none has, or when it is the link's own.
# netns: ns1
ip netns add ns1
ip link add dummy-x type veth peer name dummy-y
ip link add veth-h type veth peer name veth-c netns ns1
ip link add veth-h2 type veth peer name veth-c2 netns ns1
ip -n ns1 link add pad-a type veth peer name pad-b
ip link add veth-h3 type veth peer name veth-c3 netns ns1
ip link set dummy-y up
ip link set veth-h up
ip link set veth-h2 up
ip link set veth-h3 up
