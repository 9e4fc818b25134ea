# /proc/net/route (little-endian hex, lines padded to 127 columns) and the sysfs attributes of a
# veth end moved into a namespace, read with cat by a process inside each namespace.
# netns: ns1
ip netns add ns1
ip link add veth-h type veth peer name veth-c netns ns1
ip link set veth-h up
ip -n ns1 link set veth-c up
ip -n ns1 link set lo up
ip addr add 10.9.8.1/24 dev veth-h
ip -n ns1 addr add 10.9.8.2/24 dev veth-c
ip -n ns1 route add default via 10.9.8.1
ip -n ns1 route add 192.168.7.0/28 via 10.9.8.1 metric 5
ip -n ns1 route add 172.16.0.0/12 dev veth-c
ip netns exec ns1 cat /proc/net/route # compare: stdout
cat /proc/net/route # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/iflink # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/ifindex # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/mtu # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/operstate # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/tx_queue_len # compare: stdout
ip netns exec ns1 cat /sys/class/net/veth-c/type # compare: stdout
ip netns exec ns1 cat /sys/class/net/lo/operstate # compare: stdout
ip netns exec ns1 cat /sys/class/net/lo/type # compare: stdout
ip netns exec ns1 cat /sys/class/net/nosuch/mtu
ip netns exec ns1 readlink /sys/class/net/veth-c # compare: stdout
