# brctl delif removes a port (and complains about a non-port); brctl delbr refuses an up
# bridge and deletes a down one; deleting a missing bridge fails.
# netns:
brctl addbr br0
ip link add veth-x type veth peer name veth-y
brctl addif br0 veth-x
brctl delif br0 veth-x
brctl delif br0 veth-x
ip link set br0 up
brctl delbr br0
ip link set br0 down
brctl delbr br0
brctl delbr br0
brctl show # compare: stdout
