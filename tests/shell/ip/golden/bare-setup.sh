# A bare namespace built like captures/setup.sh (a docker0-style bridge, classic and v28-style
# veth pairs, a container namespace), every MAC given explicitly so the output is reproducible.
ip link set lo up
ip link add docker0 txqueuelen 0 address 02:42:5e:8c:3a:1f type bridge
ip addr add 172.17.0.1/16 brd 172.17.255.255 dev docker0
ip link set docker0 up
ip netns add ipg-c1
ip -n ipg-c1 link set lo up
ip link add veth7c3e1a9 txqueuelen 0 address be:85:7b:c6:67:4f type veth peer name veth5d20f8b txqueuelen 0 address 02:42:ac:11:00:02
ip link set veth7c3e1a9 master docker0
ip link set veth7c3e1a9 up
ip link set veth5d20f8b netns ipg-c1
ip -n ipg-c1 link set veth5d20f8b name eth0
ip -n ipg-c1 addr add 172.17.0.2/16 brd 172.17.255.255 dev eth0
ip -n ipg-c1 link set eth0 up
ip -n ipg-c1 route add default via 172.17.0.1 dev eth0
ip link add dev c1-eth0 address 02:00:00:00:00:01 type veth peer address 02:00:00:00:00:02
ip link add br9 address 02:00:00:00:00:09 type bridge
ip addr add 10.9.0.1/24 dev br9
ip addr add 10.9.0.7/24 dev br9
ip link set br9 up
ip route add 10.50.0.0/16 via 172.17.0.2 metric 50
ip route add 10.9.9.0/24 dev docker0 metric 10
ip link
ip -br link
ip -j link
ip addr
ip -br addr
ip -j addr
ip -4 addr show docker0
ip -6 addr
ip -j -6 addr
ip route
ip -j route
ip -6 route
ip -j -6 route
ip route show dev docker0
ip route get 10.50.1.1
ip route get 172.17.0.1
ip -d link show veth7c3e1a9
ip -d link show c1-eth0
ip -s link show lo
ip -p -j link show docker0
ip -o link show docker0
ip link show type bridge
ip link show master docker0
ip -n ipg-c1 addr
ip -n ipg-c1 -br link
ip -n ipg-c1 -j link
ip -n ipg-c1 route
ip -n ipg-c1 -j route
ip netns exec ipg-c1 ip -br addr
ip netns list | grep ipg-c1
ip link set veth7c3e1a9 down
ip -n ipg-c1 link show eth0
ip -n ipg-c1 route
ip addr del 10.9.0.1/24 dev br9
ip addr show br9
ip addr flush dev br9
ip -j addr show br9
ip link del c1-eth0
ip -br link
