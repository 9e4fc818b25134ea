# A bridge created with an explicit MAC keeps it when ports join; brought up with no port
# its carrier state differs from a fresh bridge's.
# netns:
ip link add br0 address 02:42:5e:8c:3a:1f type bridge
ip link set br0 up
ip link add br1 txqueuelen 0 address 02:42:91:0c:7e:55 type bridge
ip link add veth-x type veth peer name veth-y
ip link set veth-x master br1
brctl show # compare: stdout
