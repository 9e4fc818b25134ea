# Without a peer name the kernel names the peer vethN (N = lowest free number):
# c1-eth0 gets veth0, c2-eth0 gets veth1, and after deleting veth0 the next peer reuses veth0.
# netns:
ip link add dev c1-eth0 type veth
ip link add dev c2-eth0 type veth
ip link del veth0
ip link add dev c3-eth0 type veth
