#!/bin/sh
# Builds one private network namespace and prints what the real net-tools 2.10, BusyBox 1.35,
# bridge-utils 1.7.1, iproute2 6.1 and procps sysctl say about it; the output is nettools.golden.
# Run as root on Debian 12: sh capture.sh > nettools.golden. The namespace is deleted at the end.
set -u
NS=nlab-golden-$$
ip netns add $NS
r() { echo "\$ $*"; ip netns exec $NS "$@" 2>&1; echo "[status $?]"; }
q() { ip netns exec $NS "$@"; }
# No IPv6 on the virtual links, so that nothing is transmitted and every counter stays 0.
q ip link add veth0 type veth peer name veth1
q ip link add br0 type bridge
q ip link add brx type bridge
for d in veth0 veth1 br0 brx; do q sysctl -q -w net.ipv6.conf.$d.disable_ipv6=1; done
q ip link set veth0 address 02:00:00:00:00:0a
q ip link set veth1 address 02:00:00:00:00:0b
q ip link set br0 address 02:00:00:00:00:b0
q ip link set brx address 02:00:00:00:00:c0
r ifconfig -a
r ifconfig veth0 10.55.66.2 netmask 255.255.255.0 up
r ifconfig lo up
r ifconfig veth0
r ifconfig
r busybox ifconfig
r ifconfig veth1 172.20.1.5
r ifconfig veth1 netmask 255.255.255.0 broadcast 172.20.1.77
r ifconfig veth1 10.55.66.3/24
q ip addr add 192.168.9.1/24 dev br0
q ip link set br0 up
r ifconfig -a
r busybox ifconfig -a
r ifconfig -s
r ip addr show veth1
r ifconfig veth9
r ifconfig veth9 up
r ifconfig veth9 10.1.1.1 netmask 255.0.0.0
r ifconfig veth0 mtu 50
r ifconfig veth0 224.0.0.1
r busybox ifconfig veth9
r busybox ifconfig veth9 up
q ip route add default via 10.55.66.1
q ip route add 10.99.0.0/16 dev veth1 metric 100
q ip route add 172.16.5.5 via 10.55.66.1
r route -n
r route
r busybox route -n
r busybox route
r route add default gw 10.55.66.1
r route del default
r route del default
r route -n
r brctl show
r brctl addbr br0
r brctl addif br0 veth0
r brctl addif br0 veth0
r brctl addif brx veth0
r brctl addif br0 veth9
r brctl addif br9 veth0
r brctl addif br0 brx
r brctl show
r brctl show br0
r brctl showmacs br0
r bridge link
r brctl delif br0 veth1
r brctl delbr br0
r brctl delbr br9
r sysctl net.ipv4.ip_forward
r sysctl -w net.ipv4.ip_forward=1
r sysctl -n net.ipv4.ip_forward
r sysctl net.ipv6.conf.veth0.disable_ipv6
r sysctl net.ipv6.conf.nope.disable_ipv6
r sysctl -w net.ipv4.ip_forward
r sysctl -w net.ipv4.ip_forward=abc
r sysctl a.b
ip netns del $NS
