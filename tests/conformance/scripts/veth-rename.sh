# Renaming links: a down link renames freely; the peer's view follows the new name; a
# rename to an existing name fails; renaming an up link.
# netns:
ip link add veth-x type veth peer name veth-y
ip link set veth-x name eth0
ip link set veth-y name eth0
ip link set eth0 up
ip link set eth0 name eth9
ip link show # compare: stdout
