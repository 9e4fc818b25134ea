# BusyBox 1.35's ip applet (busybox/alpine images) over a container-like namespace.
ip link set lo up
ip netns add ipg-b1
ip link add eth0 address 02:42:ac:11:00:02 type veth peer name vb0 netns ipg-b1 address 02:00:00:00:00:21
ip -n ipg-b1 link set vb0 up
ip addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0
ip link set eth0 up
ip route add default via 172.17.0.1
ip route add 10.1.0.0/16 via 172.17.0.9 metric 7
ip link add br5 address 02:00:00:00:00:05 txqueuelen 0 type bridge
busybox ip addr
busybox ip link
busybox ip route
busybox ip -4 addr
busybox ip -6 addr
busybox ip addr show dev nosuch
busybox ip foo
busybox ip addr add 172.17.0.2/16 dev eth0
