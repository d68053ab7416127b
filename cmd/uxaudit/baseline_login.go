package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/rs/zerolog"
	"github.com/spf13/pflag"

	"github.com/uxaudit/uxaudit/crawler"
)

// loginFlags are the flags of the login before the crawl.
type loginFlags struct {
	url             string
	fields          []string
	successSelector string
	successURL      string
}

func (l *loginFlags) register(fl *pflag.FlagSet) {
	fl.StringVar(&l.url, "login-url", "", "log in before the crawl: the page with the login form (on the audited host)")
	fl.StringArrayVar(&l.fields, "login-field", nil, "a login form field 'name=value'; 'name=env:VAR' reads the value from $VAR (repeatable)")
	fl.StringVar(&l.successSelector, "login-success-selector", "", "CSS selector the page after login must match, e.g. 'a[href=\"/logout\"]'")
	fl.StringVar(&l.successURL, "login-success-url", "", "URL (or path) the login must land on")
}

// loginSettings are the recorded login settings: the values are redacted.
type loginSettings struct {
	URL             string   `json:"url"`
	Fields          []string `json:"fields"`
	SuccessSelector string   `json:"success_selector,omitempty"`
	SuccessURL      string   `json:"success_url,omitempty"`
}

func (l *loginFlags) settings() *loginSettings {
	if l.url == "" {
		return nil
	}
	s := &loginSettings{URL: l.url, SuccessSelector: l.successSelector, SuccessURL: l.successURL}
	for _, f := range l.fields {
		name, _, _ := strings.Cut(f, "=")
		s.Fields = append(s.Fields, name+"="+redacted)
	}
	return s
}

// login builds the crawler's login from the flags, reading env: values.
func (l *loginFlags) login() (crawler.Login, error) {
	lg := crawler.Login{URL: l.url, SuccessSelector: l.successSelector, SuccessURL: l.successURL}
	for _, f := range l.fields {
		name, value, ok := strings.Cut(f, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			// Only the name is shown: the value may be a secret.
			return lg, usageError{fmt.Errorf("--login-field must look like 'name=value' or 'name=env:VAR', not %q", name)}
		}
		if env, isEnv := strings.CutPrefix(value, "env:"); isEnv {
			v, set := os.LookupEnv(env)
			if !set {
				return lg, usageError{fmt.Errorf("--login-field %s: the environment variable %s is not set", name, env)}
			}
			value = v
		}
		lg.Fields = append(lg.Fields, crawler.LoginField{Name: name, Value: value})
	}
	if err := lg.Validate(); err != nil {
		return lg, usageError{fmt.Errorf("--login-url: %w", err)}
	}
	return lg, nil
}

// apply logs in when --login-url is given and adds the session cookies to
// the crawl's cookies, which go to the audited hosts only.
func (l *loginFlags) apply(ctx context.Context, log zerolog.Logger, o *crawler.Options) error {
	if l.url == "" {
		if len(l.fields) > 0 || l.successSelector != "" || l.successURL != "" {
			return usageError{errors.New("--login-field and --login-success-* need --login-url")}
		}
		return nil
	}
	lg, err := l.login()
	if err != nil {
		return err
	}
	cookies, err := crawler.LogIn(ctx, lg, *o)
	if err != nil {
		return fmt.Errorf("log in at %s: %w", l.url, err)
	}
	names := make([]string, len(cookies))
	for i, c := range cookies {
		names[i] = c.Name
	}
	log.Info().Str("url", l.url).Strs("cookies", names).Msg("logged in")
	o.Cookies = append(o.Cookies, cookies...)
	return nil
}
