# Deleting either end of a veth pair deletes both; deleting it again says it is gone.
# netns:
ip link add veth-x type veth peer name veth-y
ip link add veth-m type veth peer name veth-n
ip link del veth-y
ip link del veth-x
ip link delete dev veth-n
