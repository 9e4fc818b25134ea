# lo in the host namespace: up then down then up again; the IPv4 address survives down,
# ::1 is removed on down and comes back on up.
# netns:
ip link set lo up
ip link set lo down
ip -j addr show dev lo # compare: stdout
ip link set lo up
