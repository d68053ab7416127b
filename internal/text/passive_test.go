package text

import "testing"

func TestPassive(t *testing.T) {
	tests := map[string]string{
		"The letter was written by Anna.":                "was written",
		"Mistakes were made.":                            "were made",
		"The road is being built.":                       "is being built",
		"They were not told about it.":                   "were not told",
		"The page has been updated recently.":            "been updated",
		"Orders are usually shipped within a day.":       "are usually shipped",
		"The seeds are carefully selected and packed.":   "are carefully selected",
		"Your data isn't shared.":                        "isn't shared",
		"This has been agreed.":                          "been agreed",
		"Anna wrote the letter.":                         "",
		"The shop is open on Sundays.":                   "",
		"We need more seed.":                             "",
		"It is a hundred years old.":                     "",
		"The speed is indeed high.":                      "",
		"She is early and likely to be happy.":           "",
		"Is it red?":                                     "",
		"The plants were very quickly and badly hit.":    "",
		"The soil is well drained.":                      "is well drained",
		"Opening hours are listed below.":                "are listed",
		"The café was, at that time, closed.":            "",
		"Their wedding was beautifully and simply sewn.": "",
	}
	for in, want := range tests {
		if got := Passive(in); got != want {
			t.Errorf("Passive(%q) = %q, want %q", in, got, want)
		}
	}
}
