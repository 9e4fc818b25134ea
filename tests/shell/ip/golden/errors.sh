# Each error message and exit status of ip link/addr/route/netns that the simulator reproduces.
ip link add br0 address 02:00:00:00:00:10 type bridge
ip link add v1 address 02:00:00:00:00:11 type veth peer name v1p address 02:00:00:00:00:12
ip lnk
ip link xyz
ip link show nosuch
ip link add br0 type bridge
ip link add x type nosuchtype
ip link add
ip link add a b type veth
ip link add name a/b type bridge
ip link add v8 type veth peer foo bar
ip link add v9 type veth peer name v9
ip link add v7 mtu 10 type veth
ip link add br7 type bridge extra
ip link del lo
ip link del
ip link del nosuch
ip link set
ip link set nosuch up
ip link set v1 mtu 10
ip link set v1 mtu 70000
ip link set v1 mtu abc
ip link set v1 txqueuelen abc
ip link set br0 master br0
ip link set v1 master nosuch
ip link set v1 master v1p
ip link set lo master br0
ip link set dev v1 dev v1p
ip link set v1 foo
ip link set v1 address zz
ip link set v1 address 02:00:00:00:00
ip link set v1 address 03:00:00:00:00:01
ip link set v1 name v1p
ip link set v1 netns nosuchns
ip link set lo netns 1
ip addr add 10.0.0.1/24 dev br0
ip addr add 10.0.0.1/24 dev br0
ip addr add 10.0.0.1/24 dev nosuch
ip addr add 10.0.0.300/24 dev br0
ip addr add 10.1.0.1/24
ip addr add dev br0
ip addr add 10.0.0.2/24 scope bogus dev br0
ip addr del 10.0.0.77/24 dev br0
ip addr del 10.0.0.1 dev br0
ip addr show dev nosuch
ip addr flush
ip addr foo
ip addr show br0 extra
ip link set br0 up
ip addr add 10.0.0.1/24 dev br0
ip route add 10.50.0.0/16 via 10.99.0.1
ip route add 10.50.0.0/16 via 10.0.0.7
ip route add 10.50.0.0/16 via 10.0.0.7
ip route del 10.77.0.0/16
ip route add 10.51.0.0/16 dev nosuch
ip route add 10.51.0.0/16 dev v1
ip route add 10.51.0.0/33 dev br0
ip route add 10.51.0.1/16 dev br0
ip route add foo
ip route foo
ip route get 1.2.3.4
ip route
ip netns add ipg-e1
ip netns add ipg-e1
ip netns del ipg-e9
ip -n ipg-e9 link
ip netns exec ipg-e9 true
ip netns exec ipg-e1 nosuchprog
ip netns exec ipg-e1
ip netns exec
ip netns add
ip netns foo
ip netns add a/b
ip neigh foo
ip -n ipg-e1 neigh
ip -n ipg-e1 -j neigh
ip -xyz link
ip -V
