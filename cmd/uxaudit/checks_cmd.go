package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/uxaudit/uxaudit/checks"
)

func (a *app) checksCmd() *cobra.Command {
	var long bool
	cmd := &cobra.Command{
		Use:   "checks",
		Short: "List every check with its ID, category and description",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			tw := tabwriter.NewWriter(a.stdout, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "ID\tCATEGORY\tSCOPE\tSCORED\tDESCRIPTION")
			for _, c := range checks.All() {
				m := c.Meta()
				desc := m.Title
				if long {
					desc = m.Title + ". " + m.Description
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", m.ID, m.Category, m.Scope, m.Mode, desc)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if !long {
				fmt.Fprintln(a.stdout, "\n'uxaudit checks --long' adds why each check matters and how to fix what it finds.")
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&long, "long", "l", false, "include why each check matters and how to fix it")
	return cmd
}
