// Command uxaudit audits a website's UX: broken links, redirects, speed,
// layout stability, content and structure. See README.md.
package main

import "os"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}
