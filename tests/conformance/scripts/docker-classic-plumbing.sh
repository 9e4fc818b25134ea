# Docker <= v27 plumbing of one bridge container: pair made in the host, container end moved,
# renamed eth0, MAC set, addressed, up, default route; the host end on docker0.
# netns: ctr
ip netns add ctr
ip netns exec ctr ip link set lo up
ip link add docker0 txqueuelen 0 address 02:42:5e:8c:3a:1f type bridge
ip addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0
ip link set docker0 up
ip link add veth7c3e1a9 txqueuelen 0 type veth peer name veth5d20f8b txqueuelen 0
ip link set veth7c3e1a9 master docker0
ip link set veth7c3e1a9 up
ip link set veth5d20f8b netns ctr
ip -n ctr link set veth5d20f8b name eth0
ip -n ctr link set eth0 address 02:42:ac:11:00:02
ip -n ctr addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0
ip -n ctr link set eth0 up
ip -n ctr route add default via 172.17.0.1 dev eth0
ip -n ctr addr show dev eth0 # compare: stdout
