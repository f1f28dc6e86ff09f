package content

// ValidNumber reports whether n can be a suggestion's number: only digits,
// Latin letters and -, and not a name the list pages use. Parse applies
// the same rule.
func ValidNumber(n string) bool {
	return numberPattern.MatchString(n) && !reservedNumbers[n]
}
