// Command rendered lists the pages of a uxaudit result.json that the
// browser pass rendered (those with vitals), for bench/lighthouse/speed.sh.
//
//	rendered result.json          the rendered pages' URLs, one a line, in report order
//	rendered -count result.json   pages rendered, renders that failed, HTML pages audited
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

type result struct {
	Summary struct {
		Pages int `json:"pages"`
	} `json:"summary"`
	Pages []struct {
		URL    string `json:"url"`
		Vitals *struct {
			Error string `json:"error"`
		} `json:"vitals"`
	} `json:"pages"`
}

func main() {
	count := flag.Bool("count", false, "print the counts of rendered pages, failed renders and HTML pages audited instead of the URLs")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: rendered [-count] result.json")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "rendered:", err)
		os.Exit(1)
	}
	var r result
	if err := json.Unmarshal(b, &r); err != nil {
		fmt.Fprintln(os.Stderr, "rendered:", err)
		os.Exit(1)
	}
	n, failed := 0, 0
	for _, p := range r.Pages {
		if p.Vitals == nil {
			continue
		}
		n++
		if p.Vitals.Error != "" {
			failed++
		}
		if !*count {
			fmt.Println(p.URL)
		}
	}
	if *count {
		fmt.Printf("%d %d %d\n", n, failed, r.Summary.Pages)
	}
}
