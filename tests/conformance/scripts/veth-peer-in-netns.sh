# Docker v28+ style: the peer is created directly inside the container namespace, so it
# takes that namespace's next index (2) while the host end takes the host's next index.
# netns: ctr
ip netns add ctr
ip -n ctr link set lo up
ip link add br0 type bridge
ip link set br0 up
ip link add veth1a2b3c4 txqueuelen 0 type veth peer name eth0 netns ctr
ip link set veth1a2b3c4 master br0
ip link set veth1a2b3c4 up
ip -n ctr link set eth0 up
ip -n ctr addr add 172.17.0.3/16 brd 172.17.255.255 dev eth0
ip -n ctr route add default via 172.17.0.1
