# Text output of ip link / ip addr for a veth pair between two named namespaces
# (link-netns NAME) and towards the host (link-netnsid N), and ip -br forms.
# netns: ns1 ns2
ip netns add ns1
ip netns add ns2
ip -n ns1 link add veth-1 type veth peer name veth-2 netns ns2
ip -n ns1 link set veth-1 up
ip -n ns2 link set veth-2 up
ip -n ns1 link add veth-up type veth peer name veth-down netns ns2
ip link add veth-h type veth peer name veth-c netns ns1
ip -n ns1 link show # compare: stdout
ip -n ns2 -br link # compare: stdout
ip link show # compare: stdout
ip -n ns1 addr add 10.0.0.1/24 dev veth-1
ip -n ns1 -br addr # compare: stdout
