package crawler

import (
	"context"
	"net"
	"testing"
)

func TestIsPrivate(t *testing.T) {
	for ip, want := range map[string]bool{
		"10.1.2.3": true, "172.16.0.1": true, "172.31.255.255": true, "192.168.1.1": true,
		"127.0.0.1": true, "::1": true, "169.254.169.254": true, "fe80::1": true, "100.64.0.1": true,
		"fd00::1": true, "0.0.0.0": true,
		"172.32.0.1": false, "8.8.8.8": false, "93.184.216.34": false, "2606:4700::1111": false,
	} {
		if got := isPrivate(net.ParseIP(ip)); got != want {
			t.Errorf("isPrivate(%s) = %v, want %v", ip, got, want)
		}
	}
}

func TestSeedsArePrivate(t *testing.T) {
	for seeds, want := range map[string]bool{
		"http://127.0.0.1:8080/":     true,
		"http://localhost:3000/":     true,
		"http://app.localhost/":      true,
		"http://[::1]/":              true,
		"http://192.168.10.20/":      true,
		"https://93.184.216.34/":     false,
		"https://[2606:4700::1111]/": false,
	} {
		if got := seedsArePrivate(context.Background(), []string{seeds}); got != want {
			t.Errorf("seedsArePrivate(%s) = %v, want %v", seeds, got, want)
		}
	}
}
