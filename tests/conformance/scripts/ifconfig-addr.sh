# net-tools ifconfig: IF ADDR netmask M up sets address, broadcast and brings the link up;
# changing the address replaces it; ifconfig IF down.
# netns:
ip link add veth0 type veth peer name veth1
ifconfig veth0 10.55.66.1 netmask 255.255.255.0 up
ifconfig veth1 10.55.66.2 netmask 255.255.255.0 up
ifconfig veth1 10.55.67.2 netmask 255.255.0.0
ifconfig veth0 down
ifconfig lo up
