package crawler

import (
	"net/url"
	"sort"
	"strings"
	"sync"
)

// scope decides which hosts are crawled: the seeds' hosts, the hosts a seed
// redirects to, and with subdomains allowed, their subdomains. Hosts include
// the port when it is not the default.
type scope struct {
	mu         sync.RWMutex
	hosts      map[string]bool
	subdomains bool
}

func newScope(seeds []string, subdomains bool) *scope {
	s := &scope{hosts: make(map[string]bool), subdomains: subdomains}
	for _, u := range seeds {
		if h := Host(u); h != "" {
			s.hosts[h] = true
		}
	}
	return s
}

func (s *scope) add(host string) {
	if host == "" {
		return
	}
	s.mu.Lock()
	s.hosts[host] = true
	s.mu.Unlock()
}

// contains reports whether host (host[:port]) is in scope.
func (s *scope) contains(host string) bool {
	if host == "" {
		return false
	}
	host = strings.ToLower(host)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.hosts[host] {
		return true
	}
	if !s.subdomains {
		return false
	}
	for h := range s.hosts {
		if subdomainOf(host, h) {
			return true
		}
	}
	return false
}

// subdomainOf reports whether host is a subdomain of scopeHost (or of its
// name without "www."), on the same port.
func subdomainOf(host, scopeHost string) bool {
	name, port := splitPort(host)
	hn, hp := splitPort(scopeHost)
	return hp == port && strings.HasSuffix(name, "."+strings.TrimPrefix(hn, "www."))
}

// HostInScope reports whether rawURL's host is one of hosts (as Site.Hosts
// lists them: lower case, with the port when it is not the scheme's
// default), or with subdomains a subdomain of one: the crawl's own scope
// rule, for those that send credentials outside the crawler.
func HostInScope(hosts []string, subdomains bool, rawURL string) bool {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false
	}
	canon, err := NormalizeURL(u)
	if err != nil {
		return false
	}
	host := Host(canon)
	for _, h := range hosts {
		if host == h || subdomains && subdomainOf(host, h) {
			return true
		}
	}
	return false
}

func (s *scope) list() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.hosts))
	for h := range s.hosts {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

func splitPort(host string) (name, port string) {
	if strings.HasSuffix(host, "]") { // bare IPv6 literal
		return host, ""
	}
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		return host[:i], host[i+1:]
	}
	return host, ""
}
