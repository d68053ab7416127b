package crawler

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"syscall"
)

// ErrPrivateAddress reports a connection refused because it would reach a
// private, loopback or link-local address from an audit of a public site:
// a page or redirect must not steer the crawler into the auditor's network
// or a cloud metadata service.
var ErrPrivateAddress = errors.New("refused to connect to a private or link-local address while auditing a public site")

// privateNets are the ranges a public audit never connects to.
var privateNets = func() []*net.IPNet {
	var out []*net.IPNet
	for _, cidr := range []string{
		"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", // RFC 1918
		"127.0.0.0/8", "::1/128", // loopback
		"169.254.0.0/16", "fe80::/10", // link-local, cloud metadata (169.254.169.254)
		"100.64.0.0/10", // carrier-grade NAT
		"fc00::/7",      // unique local
		"0.0.0.0/8", "::/128",
	} {
		_, n, err := net.ParseCIDR(cidr)
		if err == nil {
			out = append(out, n)
		}
	}
	return out
}()

// isPrivate reports whether ip is in one of privateNets.
func isPrivate(ip net.IP) bool {
	if ip == nil {
		return false
	}
	if v4 := ip.To4(); v4 != nil {
		ip = v4
	}
	for _, n := range privateNets {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// seedsArePrivate reports whether any start URL is on a private address
// (localhost, a LAN IP, or a name that resolves to one): staging on a
// developer's machine must keep working.
func seedsArePrivate(ctx context.Context, seeds []string) bool {
	for _, s := range seeds {
		u, err := url.Parse(s)
		if err != nil {
			continue
		}
		host := u.Hostname()
		if host == "localhost" || len(host) > 10 && host[len(host)-10:] == ".localhost" {
			return true
		}
		if ip := net.ParseIP(host); ip != nil {
			if isPrivate(ip) {
				return true
			}
			continue
		}
		addrs, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if isPrivate(a.IP) {
				return true
			}
		}
	}
	return false
}

// proxyHosts are the proxies from the environment, which the crawler may
// connect to whatever their address.
func proxyHosts() map[string]bool {
	out := map[string]bool{}
	for _, v := range []string{"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"} {
		if u, err := url.Parse(os.Getenv(v)); err == nil && u.Host != "" {
			out[u.Hostname()] = true
		}
	}
	return out
}

// guardDialer refuses connections to private addresses unless allowed. The
// check runs on the resolved address, after DNS, so a public name that
// resolves to a private address is refused too.
func guardDialer(d *net.Dialer, allowPrivate bool) {
	if allowPrivate {
		return
	}
	proxies := proxyHosts()
	d.ControlContext = func(_ context.Context, network, address string, _ syscall.RawConn) error {
		host, _, err := net.SplitHostPort(address)
		if err != nil {
			return nil
		}
		if ip := net.ParseIP(host); isPrivate(ip) && !proxies[host] {
			return fmt.Errorf("%s: %w", address, ErrPrivateAddress)
		}
		return nil
	}
}
