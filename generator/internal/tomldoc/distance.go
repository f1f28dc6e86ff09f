package tomldoc

// Distance is the edit distance between a and b in characters (not bytes):
// how many characters to insert, delete or replace to turn one into the
// other. Closest uses it for misspelt keys; config uses it for mistyped
// unit names.
func Distance(a, b string) int { return distance(a, b) }
