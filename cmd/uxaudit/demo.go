package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/internal/fixture"
)

func (a *app) demoCmd() *cobra.Command {
	var f auditFlags
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Audit a demo site embedded in the binary (no network needed)",
		Long: `Serve the embedded demo site, which has a defect of every kind planted in it,
on 127.0.0.1 at a free port (with a second local server playing an external
site), audit it like any other site, and write the report into --out.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := f.outputFormats(); err != nil {
				return err // before serving anything
			}
			ext, err := serve(cmd.Context(), fixture.NewExternal())
			if err != nil {
				return err
			}
			site, err := serve(cmd.Context(), fixture.NewDemo(fixture.Options{ExternalURL: ext}))
			if err != nil {
				return err
			}
			a.log.Info().Str("url", site).Msg("demo site serving")
			o, err := f.options([]string{site + "/"})
			if err != nil {
				return err
			}
			return a.audit(cmd.Context(), &f, o)
		},
	}
	f.register(cmd, "uxaudit-demo-report")
	return cmd
}

// serve serves h on a free loopback port until ctx ends and returns its
// base URL.
func serve(ctx context.Context, h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("demo server: %w", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			fmt.Println("demo server:", err)
		}
	}()
	context.AfterFunc(ctx, func() { _ = srv.Close() })
	return "http://" + ln.Addr().String(), nil
}
