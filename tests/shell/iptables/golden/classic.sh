# Docker's rules for a published nginx, one more container and a user-defined network (classic
# layout), then what people type: listing in every format, changes, and the usual mistakes.
docker run -d --name web -p 8080:80 nginx
docker run -d --name c1 hwchiu/netutils
docker network create red
iptables-save
iptables -S
iptables -S FORWARD
iptables -t nat -S
iptables -t nat -L -n -v
iptables -L -n -v --line-numbers
iptables -L FORWARD
iptables -I DOCKER-USER -s 172.17.0.3 -j DROP
iptables -S DOCKER-USER
iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT
iptables -A INPUT -m conntrack --ctstate NEW -p tcp --sport 22 -j RETURN
iptables -A INPUT -p icmp -j REJECT
iptables -A OUTPUT -d 10.0.0.0/8 -o eth0 -p udp --dport 53 -j ACCEPT
iptables -N MYCHAIN
iptables -A INPUT -j MYCHAIN
iptables -A MYCHAIN ! -i lo -s 10.1.2.3/8 -j DROP
iptables -I INPUT 2 -s 192.168.1.0/24 -p udp --sport 53 -j ACCEPT
iptables -t nat -A DOCKER -d 127.0.0.1/32 ! -i docker0 -p tcp -m tcp --dport 9090 -j DNAT --to-destination 172.17.0.2:80
iptables -N EMPTY
iptables -D INPUT 3
iptables -A FORWARD -p tcp ! --dport 80 -m conntrack ! --ctstate NEW -j DROP
iptables -S
iptables -S INPUT 2
iptables -L -n
iptables -L
iptables -L -v -x -n
iptables -L INPUT -v
iptables -t nat -L
iptables -t nat -S DOCKER
iptables-save
iptables -X MYCHAIN
iptables -X NOPE
iptables -N EMPTY
iptables -D INPUT 99
iptables -I INPUT 99 -j DROP
iptables -A NOPE -j DROP
iptables -A INPUT -j NOPE
iptables -P MYCHAIN DROP
iptables -P FORWARD FOO
iptables -D INPUT -s 1.2.3.4 -j DROP
iptables -A INPUT --dport 5 -j DROP
iptables -A INPUT -i ! lo -j DROP
iptables -L NOPE
iptables -t mangle2 -S
iptables -C INPUT -p icmp -j REJECT
iptables -C INPUT -p icmp -j DROP
iptables -C NOPE -j DROP
iptables -Z
iptables -q
iptables -A INPUT foo
iptables -A INPUT -p tcp --dport 99999 -j DROP
iptables -A INPUT -p foo -j DROP
iptables -A INPUT -m foo -j DROP
iptables -A INPUT -s 10.0.0.9
iptables -S INPUT
iptables -L INPUT -n
iptables -X EMPTY
iptables -F MYCHAIN
iptables -D INPUT -j MYCHAIN
iptables -X MYCHAIN
iptables -S INPUT
iptables -P FORWARD ACCEPT
iptables -F
iptables -S
