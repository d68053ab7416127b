// Command soak summarises a result.json written by uxaudit for the soak
// test (bench/soak.sh): pages audited, whether the audit was partial, failed
// links by verdict, findings by check and severity, and HTTP error kinds.
//
//	go run ./bench/soak path/to/result.json
package main

import (
	"fmt"
	"os"
	"sort"

	"github.com/uxaudit/uxaudit/report"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: soak result.json")
		os.Exit(2)
	}
	f, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	defer f.Close()
	r, err := report.ReadJSON(f)
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
	fmt.Printf("pages audited      %d (URLs %d)\n", r.Summary.Pages, r.Summary.URLs)
	fmt.Printf("partial            %v %s\n", r.Partial, r.PartialReason)
	fmt.Printf("duration           %.1f s\n", float64(r.DurationMS)/1000)
	fmt.Printf("broken links       %d counted, %d not counted\n", r.Summary.BrokenLinks, r.Summary.LinksNotCounted)

	verdicts := map[string]int{}
	checks := map[string]int{}
	kinds := map[string]int{}
	for _, fd := range r.Findings {
		checks[fd.Check+" "+string(fd.Severity)]++
		if fd.Check == "broken-links" {
			v := fd.Evidence.Verdict
			if v == "" {
				v = "(fragment or other)"
			}
			verdicts[v] += max(fd.Count, 1)
		}
		if fd.Check == "http-status" {
			kinds[fd.Evidence.Kind]++
		}
	}
	print := func(title string, m map[string]int) {
		fmt.Println(title)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Printf("  %-40s %d\n", k, m[k])
		}
	}
	print("broken-links occurrences by verdict", verdicts)
	print("http-status findings by kind", kinds)
	print("findings by check and severity", checks)
	if len(r.Warnings) > 0 {
		print("warnings", map[string]int{fmt.Sprint(r.Warnings): 1})
	}
	for _, c := range r.Checks {
		if len(c.Errors) > 0 {
			fmt.Printf("check %s errored: %v\n", c.ID, c.Errors)
		}
	}
}
