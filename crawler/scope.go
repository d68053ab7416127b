package crawler

import (
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
	name, port := splitPort(host)
	for h := range s.hosts {
		hn, hp := splitPort(h)
		if hp == port && strings.HasSuffix(name, "."+strings.TrimPrefix(hn, "www.")) {
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
