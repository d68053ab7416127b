// Command labserver serves the browser-metrics lab (internal/vitalslab) on a
// free loopback port, for bench/lighthouse/agree.sh. Once listening it prints
// exactly one line "READY http://127.0.0.1:PORT/" on stdout (the convention
// of bench/sitegen), and serves until SIGINT or SIGTERM. With -pages it
// prints the lab pages' paths instead.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/uxaudit/uxaudit/internal/vitalslab"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback only)")
	list := flag.Bool("pages", false, "print the lab pages' paths, one a line, and exit")
	flag.Parse()
	if *list {
		for _, p := range vitalslab.Pages() {
			fmt.Println(p.Path)
		}
		return
	}
	host, _, err := net.SplitHostPort(*addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(os.Stderr, "labserver: refusing -addr %q: give a loopback IP such as 127.0.0.1:0\n", *addr)
		os.Exit(2)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "labserver:", err)
		os.Exit(1)
	}
	srv := &http.Server{Handler: vitalslab.Handler(), ReadHeaderTimeout: 10 * time.Second}
	sigc := make(chan os.Signal, 1)
	signal.Notify(sigc, os.Interrupt, syscall.SIGTERM)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()

	fmt.Printf("READY http://%s/\n", ln.Addr())
	_ = os.Stdout.Sync()

	select {
	case <-sigc:
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Fprintln(os.Stderr, "labserver:", err)
			os.Exit(1)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		_ = srv.Close()
	}
}
