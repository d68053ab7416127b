package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/mattn/go-isatty"
	"github.com/rs/zerolog"
	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/internal/audit"
)

// Exit codes.
const (
	exitOK          = 0
	exitBudget      = 1   // the audit ran, and a budget failed
	exitUsage       = 2   // bad usage or a fatal error
	exitInterrupted = 130 // interrupted: the partial report was written
)

// version is set at build time with -ldflags "-X main.version=…".
var version = ""

func toolVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// app holds what the commands share.
type app struct {
	stdout, stderr io.Writer
	logFormat      string
	quiet, verbose bool
	memoryLimit    string
	cpuProfile     string
	memProfile     string
	stopProfile    func()
	log            zerolog.Logger
	exitCode       int
	conf           *loadedConfig // the configuration file of audit or demo, if any
}

// usageError marks errors caused by the command line.
type usageError struct{ error }

func run(args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr}
	root := a.rootCmd()
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)

	ctx, cancel := context.WithCancelCause(context.Background())
	defer cancel(nil)
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	go func() {
		if _, ok := <-sigs; !ok {
			return
		}
		fmt.Fprintln(stderr, "\nuxaudit: interrupted; writing the report of what was gathered (press Ctrl-C again to quit at once)")
		cancel(audit.ErrInterrupted)
		if _, ok := <-sigs; ok {
			os.Exit(exitInterrupted)
		}
	}()

	err := root.ExecuteContext(ctx)
	if a.stopProfile != nil {
		a.stopProfile()
	}
	if err != nil {
		err = a.locate(err)
		fmt.Fprintf(stderr, "uxaudit: %v\n", err)
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, "Run 'uxaudit --help' for usage.")
		}
		return exitUsage
	}
	return a.exitCode
}

func (a *app) rootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "uxaudit",
		Short: "Audit a website's UX: links, redirects, speed, stability, content and structure",
		Long: `uxaudit crawls a website, measures UX metrics on every page and writes a
scorecard (report.html) and the full data (result.json).

Start with 'uxaudit demo', which audits a small site embedded in the binary.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.loadConfig(cmd); err != nil {
				return err
			}
			if err := a.setupLogging(); err != nil {
				return err
			}
			if err := a.setMemoryLimit(cmd.Context()); err != nil {
				return err
			}
			return a.startProfiles()
		},
		PersistentPostRunE: func(cmd *cobra.Command, _ []string) error {
			return a.writeMemProfile()
		},
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	pf := root.PersistentFlags()
	pf.StringVar(&a.logFormat, "log-format", "auto", "log format on stderr: auto (human, coloured on a terminal), text (human, plain) or json (one object a line)")
	pf.BoolVarP(&a.quiet, "quiet", "q", false, "log only errors and print no progress")
	pf.BoolVarP(&a.verbose, "verbose", "v", false, "log every fetch")
	pf.StringVar(&a.memoryLimit, "memory-limit", "160MiB", "soft memory ceiling: the garbage collector works harder as the heap nears it (0: none; GOMEMLIMIT overrides)")
	pf.StringVar(&a.cpuProfile, "cpuprofile", "", "write a CPU profile to this file (for benchmarks)")
	pf.StringVar(&a.memProfile, "memprofile", "", "write a heap profile to this file at the end (for benchmarks)")
	_ = pf.MarkHidden("cpuprofile")
	_ = pf.MarkHidden("memprofile")
	root.AddCommand(a.auditCmd(), a.demoCmd(), a.checksCmd(), a.reportCmd(), a.historyCmd(), a.initCmd(), a.versionCmd())
	return root
}

func (a *app) setupLogging() error {
	level := zerolog.InfoLevel
	switch {
	case a.quiet:
		level = zerolog.ErrorLevel
	case a.verbose:
		level = zerolog.DebugLevel
	}
	var w io.Writer
	switch a.logFormat {
	case "json":
		w = a.stderr
	case "auto", "console":
		w = zerolog.ConsoleWriter{Out: a.stderr, NoColor: !isTerminal(a.stderr), TimeFormat: "15:04:05"}
	case "text":
		w = zerolog.ConsoleWriter{Out: a.stderr, NoColor: true, TimeFormat: "15:04:05"}
	default:
		return usageError{fmt.Errorf("--log-format must be auto, text or json, not %q", a.logFormat)}
	}
	a.log = zerolog.New(w).Level(level).With().Timestamp().Logger()
	return nil
}

// setMemoryLimit applies --memory-limit unless GOMEMLIMIT is set. The limit
// is soft: near it the collector runs more often, and it rises to 1.5 times
// the live heap when the audit's data outgrows it (followLiveHeap), so that
// a very large site never makes the collector run back to back.
func (a *app) setMemoryLimit(ctx context.Context) error {
	if os.Getenv("GOMEMLIMIT") != "" || a.memoryLimit == "" {
		return nil
	}
	n, err := parseSize(a.memoryLimit)
	if err != nil {
		return usageError{fmt.Errorf("--memory-limit must be a size such as 160MiB or 0, not %q", a.memoryLimit)}
	}
	if n > 0 {
		debug.SetMemoryLimit(n)
		go followLiveHeap(ctx, n, liveHeapPoll)
	}
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

func (a *app) versionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintf(a.stdout, "uxaudit %s\n", toolVersion())
		},
	}
}
